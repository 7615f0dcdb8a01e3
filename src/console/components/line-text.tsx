import { Box, Text } from 'ink';
import { createContext, useContext } from 'react';
import { visible } from '../../text/index.js';
import { fitLine, type Line, mergeSegments, plainText } from '../selectors/cells.js';

/** The frame's usable width, set once by the Frame: every line is fitted to it. */
export const FrameWidth = createContext<number | undefined>(undefined);

/**
 * One line of styled segments, never wider than the frame: a line that
 * wrapped would grow the frame. Each segment is its own <Text> in a row, not
 * one <Text> with nested ones: Ink measures every text node on every frame,
 * and a plain-ASCII node takes string-width's fast path, while a node holding
 * a single ▁ or — goes through the grapheme segmenter for its whole length.
 * The selectors make file text visible (format.ts clean); drawing it through
 * visible() once more keeps any text they missed from steering the terminal.
 */
export function LineText({ line, noColor }: { line: Line; noColor: boolean }) {
  const width = useContext(FrameWidth);
  if (line.length === 0) return <Text> </Text>;
  const fitted = mergeSegments(
    width !== undefined && Array.from(plainText(line)).length > width ? fitLine(line, width) : line,
  );
  return (
    <Box flexDirection="row" height={1}>
      {fitted.map((segment, index) => (
        <Text
          key={index}
          wrap="truncate-end"
          color={noColor ? undefined : segment.color}
          bold={segment.bold}
          dimColor={segment.dim}
          inverse={segment.inverse}
          italic={segment.italic}
          underline={segment.underline}
        >
          {visible(segment.text)}
        </Text>
      ))}
    </Box>
  );
}

export function Lines({ lines, noColor }: { lines: Line[]; noColor: boolean }) {
  return (
    <>
      {lines.map((line, index) => (
        <LineText key={index} line={line} noColor={noColor} />
      ))}
    </>
  );
}
