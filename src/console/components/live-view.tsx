import { Box } from 'ink';
import { bodyHeight, frameWidth } from '../layout.js';
import { liveModel } from '../selectors/live.js';
import type { ConsoleState, View } from '../state/types.js';
import { LineText, Lines } from './line-text.js';

/** `f`: a run in flight, followed; the newest calls at the bottom, as a tail does. */
export function LiveView({ state, view }: { state: ConsoleState; view: Extract<View, { kind: 'live' }> }) {
  const model = liveModel(state, view, frameWidth(state));
  const top = 1 + model.gauges.length + (model.status ? 1 : 0);
  const room = Math.max(0, bodyHeight(state) - top);
  const events = room > 0 ? model.events.slice(-room) : [];
  return (
    <Box flexDirection="column">
      <LineText line={model.title} noColor={state.noColor} />
      <Lines lines={model.gauges} noColor={state.noColor} />
      {model.status ? <LineText line={model.status} noColor={state.noColor} /> : null}
      <Lines lines={events} noColor={state.noColor} />
    </Box>
  );
}
