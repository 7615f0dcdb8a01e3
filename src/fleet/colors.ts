import type { Color } from '../text/index.js';
import type { Severity } from '../shared/index.js';
import type { DisplayState } from './types.js';

/** The colour of a run's severity, the same in `status`, `logs` and the console. */
export const SEVERITY_COLOR = {
  ok: 'green',
  notice: 'cyan',
  warning: 'yellow',
  error: 'red',
} as const satisfies Record<Severity, Color>;

/** The colour of an agent's state, the same in `status` and the console. */
export const STATE_COLOR = {
  enabled: 'green',
  running: 'blue',
  paused: 'yellow',
  disabled: 'gray',
  invalid: 'red',
  error: 'red',
  stopped: 'red',
  retired: 'gray',
} as const satisfies Record<DisplayState, Color>;
