import { Box } from 'ink';
import { frameWidth } from '../layout.js';
import { footerLines, headerModel, promptLines } from '../selectors.js';
import type { ConsoleState } from '../state/types.js';
import { LineText, Lines } from './line-text.js';

/** Header: where you are, scheduler heartbeat, the fleet's totals, and the GLOBAL STOP banner when it is on. */
export function Header({ state }: { state: ConsoleState }) {
  const model = headerModel(state);
  return (
    <Box flexDirection="column">
      <LineText line={model.title} noColor={state.noColor} />
      <LineText line={model.totals} noColor={state.noColor} />
      {model.stop ? <LineText line={model.stop} noColor={state.noColor} /> : null}
    </Box>
  );
}

/** Footer: the message line, an open prompt, and the keys of the current view. */
export function Footer({ state }: { state: ConsoleState }) {
  const [message, keys] = footerLines(state, frameWidth(state));
  return (
    <Box flexDirection="column">
      <LineText line={message} noColor={state.noColor} />
      <Lines lines={promptLines(state, frameWidth(state))} noColor={state.noColor} />
      <LineText line={keys} noColor={state.noColor} />
    </Box>
  );
}
