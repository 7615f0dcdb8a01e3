import { own } from '../../shared/index.js';
import { Box } from 'ink';
import { memo } from 'react';
import { agentPanelHeight, agentTopLines, frameWidth } from '../layout.js';
import {
  alertLines,
  changeLines,
  definitionLines,
  evalTrendLine,
  findAgent,
  lastOutputLines,
  type Line,
  runDetailLine,
  runRow,
  type RunRow,
  runsHeader,
  tabLine,
  trendLines,
} from '../selectors.js';
import { follow } from '../state/list.js';
import type { ConsoleState, View } from '../state/types.js';
import { LineText, Lines } from './line-text.js';
import { Pane } from './pane.js';

const RunRowView = memo(
  function RunRowView({ row, noColor }: { row: RunRow; noColor: boolean }) {
    return <LineText line={row.line} noColor={noColor} />;
  },
  (a, b) => a.row.sig === b.row.sig && a.noColor === b.noColor,
);

/** One agent: its definition at a glance, sparklines, alerts, then runs / last output / changes. */
export function AgentView({ state, view }: { state: ConsoleState; view: Extract<View, { kind: 'agent' }> }) {
  const agent = findAgent(state, view.agent);
  const noColor = state.noColor;
  if (!agent)
    return (
      <LineText
        line={[
          { text: `${view.agent} is not in the fleet any more (its file was removed or renamed).`, color: 'yellow' },
        ]}
        noColor={noColor}
      />
    );
  const detail = own(state.details, view.agent);
  const top = agentTopLines(state, view.agent);
  const height = agentPanelHeight(state, view.agent, view.tab);
  const width = frameWidth(state);
  const head: Line[] = [
    ...definitionLines(agent, state.now, own(state.starting, agent.name), state.readonly, detail?.webhooks ?? null),
    ...trendLines(agent, detail, width - 2, top.sparklines),
    ...(top.evals > 0 ? [evalTrendLine(detail)] : []),
    ...alertLines(agent, state.now, top.alerts),
    tabLine(view.tab, detail),
  ];
  let panel;
  if (view.tab === 'runs') {
    const runs = detail?.runs ?? [];
    const shared = state.snapshot?.shared === true;
    const offset = follow(view.offset, view.cursor, height, runs.length);
    panel = (
      <>
        <LineText line={runsHeader(shared)} noColor={noColor} />
        {runs.slice(offset, offset + height).map((run, i) => (
          <RunRowView
            key={run.run_id}
            row={runRow(run, state.now, offset + i === view.cursor, shared)}
            noColor={noColor}
          />
        ))}
        {runs.length < height ? <Box height={height - runs.length} /> : null}
        <LineText line={runDetailLine(runs[view.cursor], agent.valid, state.readonly)} noColor={noColor} />
      </>
    );
  } else {
    const lines = view.tab === 'output' ? lastOutputLines(state, detail, width) : changeLines(detail, state.now, width);
    panel = <Pane lines={lines} offset={view.paneOffset} height={height} noColor={noColor} />;
  }
  return (
    <Box flexDirection="column">
      <Lines lines={head} noColor={noColor} />
      {panel}
    </Box>
  );
}
