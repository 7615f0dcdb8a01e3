import type { RunnerConfig } from '../agents/index.js';
import type { NightshiftConfig } from '../home/index.js';
import { runnerKeyVariables } from '../runners/index.js';
import { type Secret, secretsOf } from '../secrets/index.js';

/**
 * The secrets of a run, or of an alert about runs (issue 12 §5): every
 * variable of `env` named like a secret, the key variables of the runners
 * involved, and the variables nightshift.yaml lists under `secrets.env`.
 * The one place this list is put together, for the harness and every alert path.
 */
export function secretsFor(
  env: NodeJS.ProcessEnv,
  config: Pick<NightshiftConfig, 'secrets'>,
  runners: readonly RunnerConfig[] = [],
): Secret[] {
  // a Home built by hand (tests, older caches) may lack the key: then nothing is listed
  const listed = config.secrets?.env ?? [];
  return secretsOf(env, [...listed, ...runners.flatMap(runnerKeyVariables)]);
}
