import { formatState, type OperatorState } from '../state/index.js';
import { DEMO_HOST, DEMO_VERSION } from './constants.js';
import type { Story } from './story.js';

/** state.json exactly as the state room writes it (lowdb, pretty-printed, final newline). */
export function stateFile(state: OperatorState): string {
  return formatState(state);
}

/** How long ago the daemon last beat at "now": well inside the 3-minute staleness limit. */
export const HEARTBEAT_AGE_MS = 20_000;

/** run/scheduler.json: the daemon that came back after the night it was down has been beating ever since. */
export function schedulerFile(story: Story, now: Date): string {
  return `${JSON.stringify(
    {
      pid: story.schedulerDown.newPid,
      started_at: story.schedulerDown.to.toISOString(),
      beat_at: new Date(now.getTime() - HEARTBEAT_AGE_MS).toISOString(),
      host: DEMO_HOST,
      version: DEMO_VERSION,
    },
    null,
    2,
  )}\n`;
}
