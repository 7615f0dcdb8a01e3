import { visible } from '../text/index.js';
import type { Clock } from './clock.js';

/**
 * The daemon's log: one timestamped line per event on stdout (journald and
 * launchd keep it); problems an operator must fix also go to stderr.
 * A message may quote a run's reason or a condition's output: shown, not obeyed.
 */
export interface DaemonLog {
  info(message: string): void;
  problem(message: string): void;
}

export function streamLog(
  clock: Clock,
  out: { write(text: string): unknown } = process.stdout,
  err: { write(text: string): unknown } = process.stderr,
): DaemonLog {
  const line = (message: string) => `${new Date(clock.now()).toISOString()} ${visible(message)}\n`;
  return {
    info: (message) => void out.write(line(message)),
    problem: (message) => {
      out.write(line(`PROBLEM ${message}`));
      err.write(`nightshift daemon: ${visible(message)}\n`);
    },
  };
}
