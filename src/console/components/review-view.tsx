import { Box } from 'ink';
import { bodyHeight, frameWidth, reviewPaneHeight } from '../layout.js';
import { progressLine, reviewAgentModel, reviewSummary } from '../selectors.js';
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
    return (
      <Box flexDirection="column">
        <LineText line={progressLine(state, view.index)} noColor={noColor} />
        <Pane lines={reviewSummary(state)} offset={view.offset} height={bodyHeight(state) - 1} noColor={noColor} />
      </Box>
    );
  }
  const model = reviewAgentModel(state, data, frameWidth(state));
  return (
    <Box flexDirection="column">
      <LineText line={progressLine(state, view.index)} noColor={noColor} />
      <Lines lines={model.lines} noColor={noColor} />
      <Pane lines={model.output} offset={view.offset} height={reviewPaneHeight(state)} noColor={noColor} />
    </Box>
  );
}
