import { condition, type Condition } from '../conditions.js';
import type { WatchdogFacts } from '../facts.js';

/**
 * nightshift.yaml is not valid: every run reads it and refuses (exit 3, no
 * record), whoever starts it (the daemon, which keeps scheduling with the
 * settings it had; cron; Kubernetes), so nothing runs, and without this
 * alert nothing would say so. The watchdog (`check`, or the daemon's) goes
 * on with the file's last valid settings, so the alert goes out through the
 * channels it had. Resolved by the first check that reads a valid file.
 */
export function configInvalid(facts: WatchdogFacts): Condition[] {
  if (facts.configProblem === undefined) return [];
  // one line: an alert is read in a chat message or a mail subject
  const problem = facts.configProblem.replace(/\s*\n\s*/g, ' ');
  return [
    condition(
      'config_invalid',
      'config_invalid',
      null,
      `nightshift.yaml is not valid: every run refuses to start until it is fixed (the watchdog goes on with its ` +
        `last valid settings): ${problem}`,
      { problem },
    ),
  ];
}
