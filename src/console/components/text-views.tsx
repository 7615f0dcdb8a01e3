import { own } from '../../shared/index.js';
import { Box } from 'ink';
import { frameWidth, helpHeight, listHeight, paneHeight } from '../layout.js';
import { helpLines, highlightLine, type Line, runbookLines, textLines } from '../selectors.js';
import { fit } from '../format.js';
import { follow, windowOf } from '../state/list.js';
import type { ConsoleState, View } from '../state/types.js';
import { LineText, Lines } from './line-text.js';
import { Pane, scrollInfo } from './pane.js';

/** The panes that show a file or a list of lines: a run's output, the runbooks, help. */
export function OutputView({ state, view }: { state: ConsoleState; view: Extract<View, { kind: 'output' }> }) {
  const lines = textLines(own(state.texts, view.file), frameWidth(state));
  const height = paneHeight(state);
  const title: Line = [
    { text: view.title, bold: true },
    { text: `  ${view.file}  ${scrollInfo(view.offset, height, lines.length)}`, dim: true },
  ];
  return (
    <Box flexDirection="column">
      <LineText line={title} noColor={state.noColor} />
      <Pane lines={lines} offset={view.offset} height={height} noColor={state.noColor} />
    </Box>
  );
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
  if (view.search) title.push({ text: `  search: ${view.search} (n/N)`, color: 'yellow' });
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
