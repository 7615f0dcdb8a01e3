import { readdir } from 'node:fs/promises';
import { openHome } from '../home/index.js';
import { type CheckResult, runCheck } from '../watchdog/index.js';
import { type CrontabPort } from '../crontab/index.js';
import { DEMO_SEED } from './constants.js';
import { generateDemo } from './generate.js';
import type { DemoManifest } from './manifest.js';
import { writeDemoHome } from './write.js';

/**
 * `npm start` and the tests that need a live-looking fleet: the demo home
 * generated around "now" (fixtures/demo-home is the same generator at its
 * fixed moment), so the history ends this morning, weekly agents keep their
 * weekdays and month totals belong to this month, whatever today is. Then the
 * watchdog looks once, exactly as `nightshift check` would at `now`, so the
 * alerts left open are the ones check leaves open. Nothing is sent: the
 * check's events go to logs/alerts.jsonl only, and nobody's crontab is read.
 */
export interface DemoHome {
  manifest: DemoManifest;
  files: number;
  check: CheckResult;
}

export async function makeDemoHome(target: string, now: Date = new Date()): Promise<DemoHome> {
  await refuseNonEmpty(target);
  const { files, manifest } = generateDemo({ seed: DEMO_SEED, now });
  await writeDemoHome(target, files);
  const check = await runCheck(await openHome(target), { now, channels: [], crontab: NO_CRONTAB });
  return { manifest, files: files.length, check };
}

/** The demo home is in nobody's crontab. */
const NO_CRONTAB: CrontabPort = {
  read: async () => null,
  write: async () => {
    throw new Error('the demo home never writes a crontab');
  },
  remove: async () => undefined,
  supportsCronTz: async () => false,
  withLock: (work) => work(),
};

async function refuseNonEmpty(dir: string): Promise<void> {
  let entries: string[];
  try {
    entries = await readdir(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  if (entries.length > 0) throw new Error(`${dir} is not empty; the demo home is only made in a new or empty folder`);
}
