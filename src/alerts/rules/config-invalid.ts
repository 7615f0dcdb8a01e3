import { condition, type Condition } from '../conditions.js';
import type { WatchdogFacts } from '../facts.js';

/**
 * A daemon whose nightshift.yaml turned invalid keeps scheduling with the
 * settings it had, but each run it starts reads the file and refuses (exit 3,
 * no record): nothing runs, and without this alert nothing would say so.
 * Open while the daemon finds the file invalid; resolved by the first check
 * after it reads a valid one again.
 */
export function configInvalid(facts: WatchdogFacts): Condition[] {
  if (facts.configProblem === undefined) return [];
  return [
    condition(
      'config_invalid',
      'config_invalid',
      null,
      `nightshift.yaml is not valid: every run the daemon starts refuses until it is fixed (the daemon keeps its ` +
        `previous settings): ${facts.configProblem}`,
      { problem: facts.configProblem },
    ),
  ];
}
