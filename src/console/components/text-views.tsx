import { own } from '../../shared/index.js';
import { Box } from 'ink';
import { frameWidth, helpHeight, listHeight, paneHeight } from '../layout.js';
import { helpLines, highlightLine, type Line, runbookLines, textLines } from '../selectors.js';
import { fit } from '../format.js';
import { follow, windowOf } from '../state/list.js';
import { findMatches, matchLabel } from '../state/search.js';
import type { ConsoleState, View } from '../state/types.js';
import { LineText, Lines } from './line-text.js';
import { Pane, scrollInfo } from './pane.js';

/** The panes that show a file or a list of lines: a run's output, the runbooks, help. */
export function OutputView({ state, view }: { state: ConsoleState; view: Extract<View, { kind: 'output' }> }) {
  const lines = textLines(own(state.texts, view.file), frameWidth(state));
  const height = paneHeight(state);
  const search = view.search ?? '';
  const title: Line = [
    { text: view.title, bold: true },
    { text: `  ${view.file}  ${scrollInfo(view.offset, height, lines.length)}`, dim: true },
  ];
  if (search) title.push({ text: `  ${searchStatus(lines, search, view.match ?? -1)}`, color: 'yellow' });
  // only the lines on screen are highlighted: an output can be long
  const shown = search
    ? windowOf(lines, view.offset, height).map((line, i) => marked(line, search, view.offset + i === view.match))
    : lines;
  return (
    <Box flexDirection="column">
      <LineText line={title} noColor={state.noColor} />
      <Pane lines={shown} offset={search ? 0 : view.offset} height={height} noColor={state.noColor} />
    </Box>
  );
}

/** A line with the search text highlighted; the current match also gets a marker in the margin. */
function marked(line: Line, search: string, current: boolean): Line {
  const lit = highlightLine(line, search);
  return current ? [{ text: '▶', color: 'yellow', bold: true }, ...lit] : lit;
}

/** "match 2/5 for “x” (n/N)", or "no match for “x”", for a pane's title. */
function searchStatus(lines: Line[], search: string, match: number): string {
  const matches = findMatches(lines, search);
  if (matches.length === 0) return `no match for “${search}”`;
  return matchLabel(matches, match, search);
}

export function RunbooksView({ state, view }: { state: ConsoleState; view: Extract<View, { kind: 'runbooks' }> }) {
  const names = state.runbooks;
  const agents = state.snapshot?.agents.map((a) => a.name) ?? [];
  const missing = names ? agents.filter((name) => !names.includes(name)) : [];
  const title: Line = [{ text: names ? `${names.length} runbooks in runbooks/` : 'reading runbooks/…', bold: true }];
  if (missing.length > 0) title.push({ text: `  · no runbook yet: ${missing.join(', ')}`, color: 'yellow' });
  const height = listHeight(state, 'runbooks');
  const offset = follow(view.offset, view.cursor, height, names?.length ?? 0);
  const rows: Line[] = windowOf(names ?? [], offset, height).map((name, i) => {
    const selected = offset + i === view.cursor;
    const known = agents.includes(name);
    const line: Line = [
      { text: selected ? '› ' : '  ', bold: true, color: 'magenta' },
      { text: fit(name, 28), bold: true },
      { text: known ? ' runbooks/' + name + '.md' : ' (no agent of this name)', dim: true },
    ];
    return selected ? line.map((s) => ({ ...s, inverse: true })) : line;
  });
  return (
    <Box flexDirection="column">
      <LineText line={title} noColor={state.noColor} />
      <Lines lines={rows} noColor={state.noColor} />
    </Box>
  );
}

export function RunbookView({ state, view }: { state: ConsoleState; view: Extract<View, { kind: 'runbook' }> }) {
  const lines = runbookLines(state, view.name, frameWidth(state));
  const height = paneHeight(state);
  const shown = view.search
    ? lines.map((line, index) =>
        index === view.match
          ? [{ text: '', inverse: true }, ...highlightLine(line, view.search)]
          : highlightLine(line, view.search),
      )
    : lines;
  const title: Line = [
    { text: `runbooks/${view.name}.md`, bold: true },
    { text: `  ${scrollInfo(view.offset, height, lines.length)}`, dim: true },
  ];
  if (view.search) title.push({ text: `  ${searchStatus(lines, view.search, view.match)}`, color: 'yellow' });
  return (
    <Box flexDirection="column">
      <LineText line={title} noColor={state.noColor} />
      <Pane lines={shown} offset={view.offset} height={height} noColor={state.noColor} />
    </Box>
  );
}

export function HelpView({ state, view }: { state: ConsoleState; view: Extract<View, { kind: 'help' }> }) {
  return (
    <Pane lines={helpLines(state.readonly)} offset={view.offset} height={helpHeight(state)} noColor={state.noColor} />
  );
}
