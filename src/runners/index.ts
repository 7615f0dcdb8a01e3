import { own } from '../shared/index.js';
/**
 * The runners' one door (DESIGN §4, §9). The harness asks createRunner(kind)
 * for a Runner and calls run(input, events); `nightshift kill` ends a run in
 * flight with terminateRun(lock, grace).
 */
import type { RunnerKind } from '../agents/index.js';
import { ValidationError } from '../shared/index.js';
import { anthropicRunner } from './anthropic.js';
import { claudeRunner } from './claude/runner.js';
import { commandRunner } from './command.js';
import { extractiveRunner } from './extractive/runner.js';
import { openaiRunner } from './openai.js';
import type { Runner } from './types.js';

const RUNNERS: Record<RunnerKind, Runner> = {
  claude: claudeRunner,
  command: commandRunner,
  openai: openaiRunner,
  anthropic: anthropicRunner,
  extractive: extractiveRunner,
};

export const RUNNER_KINDS = Object.keys(RUNNERS) as RunnerKind[];

export function createRunner(kind: RunnerKind): Runner {
  const runner = own(RUNNERS as Partial<Record<string, Runner>>, kind);
  if (!runner) {
    throw new ValidationError(`${JSON.stringify(kind)} is not a runner`, {
      field: 'runner.kind',
      expected: RUNNER_KINDS.join(' | '),
      actual: String(kind),
    });
  }
  return runner;
}

export type {
  PriceTable,
  Runner,
  RunnerEvents,
  RunnerInput,
  RunnerOutcome,
  RunnerUsage,
  Tokens,
  ToolCallSeen,
} from './types.js';

// ending runs: the harness on a limit, `nightshift kill`, stop-all, crash detection
export {
  commandLineOf,
  processAlive,
  procAvailable,
  readProc,
  runAlive,
  selfStartTicks,
  terminateRun,
} from './process-tree.js';
// the daemon runs `when` conditions under the same supervisor, so a condition that escapes its group is swept like a run
export { superviseProcess } from './process-tree.js';
// doctor asks, as a run would find out, whether a command agent's program can be executed
export { executableProblem } from './process-tree.js';
export type { SpawnedInfo } from './process-tree.js';
// how runs are contained (cgroup, sweep or group), for the record and `doctor`
export { CONTAINMENT_ENV, CONTAINMENT_SETTINGS, containmentSetting, probeContainment } from './process-tree.js';
export type { Containment, ContainmentProbe } from './process-tree.js';

// secrets: which variables hold a runner's key (the harness adds their values to a run's secrets)
export { runnerKeyVariables, runnerSecrets } from './key-variables.js';
// the last KB of a stream, redacted before it is cut (a notify command's stderr, like a runner's)
export { TextTail } from './stream/tail.js';

// prices (nightshift.yaml `prices:` feeds buildPriceTable)
export { buildPriceTable } from './prices.js';
export type { PriceOverrideInput } from './prices.js';

// pieces other rooms may show or reuse (doctor, eval, docs)
export { emptyUsage } from './usage.js';
