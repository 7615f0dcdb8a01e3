import { Box } from 'ink';
import { frameWidth, reviewPaneHeight, reviewSummaryHeight } from '../layout.js';
import { progressLine, reviewAgentModel, reviewSummary, scrollLine } from '../selectors.js';
import type { ConsoleState, View } from '../state/types.js';
import { LineText, Lines } from './line-text.js';
import { Pane } from './pane.js';

/** The Monday ritual: one agent at a time with a random output of its week; a summary at the end. */
export function ReviewView({ state, view }: { state: ConsoleState; view: Extract<View, { kind: 'review' }> }) {
  const noColor = state.noColor;
  if (!state.review)
    return <LineText line={[{ text: 'gathering the week: runs, outputs, alerts…', dim: true }]} noColor={noColor} />;
  const data = state.review.agents[view.index];
  if (!data) {
    const summary = reviewSummary(state);
    const summaryHeight = reviewSummaryHeight(state);
    return (
      <Box flexDirection="column">
        <LineText line={progressLine(state, view.index)} noColor={noColor} />
        <Pane lines={summary} offset={view.offset} height={summaryHeight} noColor={noColor} />
        <LineText line={scrollLine(view.offset, summaryHeight, summary.length)} noColor={noColor} />
      </Box>
    );
  }
  const model = reviewAgentModel(state, data, frameWidth(state));
  const height = reviewPaneHeight(state);
  return (
    <Box flexDirection="column">
      <LineText line={progressLine(state, view.index)} noColor={noColor} />
      <Lines lines={model.lines} noColor={noColor} />
      <Pane lines={model.output} offset={view.offset} height={height} noColor={noColor} />
      <LineText line={scrollLine(view.offset, height, model.output.length)} noColor={noColor} />
    </Box>
  );
}
