import { mkdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { AgentFault } from '../agents/index.js';
import { writeFileAtomically } from '../files/index.js';
import type { HomePaths } from '../home/index.js';

/**
 * run/check-faults.json: what the last `check` could not work out, agent by
 * agent (an alert rule that threw for one of them). `check` from cron prints
 * to nowhere, so `status` and the console show these beside the agent until
 * a check gets through. Written only when they change, removed when none.
 */
export interface CheckFaults {
  at: string;
  faults: AgentFault[];
}

export function checkFaultsFile(paths: HomePaths): string {
  return join(paths.run, 'check-faults.json');
}

/** Missing, unreadable or not in this shape: none known (it is a report, never a reason to fail). */
export async function readCheckFaults(paths: HomePaths): Promise<CheckFaults | null> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(checkFaultsFile(paths), 'utf8'));
  } catch {
    return null;
  }
  if (parsed === null || typeof parsed !== 'object') return null;
  const { at, faults } = parsed as { at?: unknown; faults?: unknown };
  if (typeof at !== 'string' || !Array.isArray(faults)) return null;
  return { at, faults: faults.filter(isFault) };
}

function isFault(value: unknown): value is AgentFault {
  if (value === null || typeof value !== 'object') return false;
  const { agent, stage, message } = value as Record<string, unknown>;
  return typeof agent === 'string' && typeof stage === 'string' && typeof message === 'string';
}

/** Records this check's faults if they differ from the last ones recorded; `at` is when they were first seen. */
export async function recordCheckFaults(paths: HomePaths, faults: readonly AgentFault[], now: Date): Promise<void> {
  const before = await readCheckFaults(paths);
  if (sameFaults(before?.faults ?? [], faults)) return;
  const file = checkFaultsFile(paths);
  if (faults.length === 0) {
    await rm(file, { force: true });
    return;
  }
  await mkdir(paths.run, { recursive: true, mode: 0o700 });
  const body: CheckFaults = { at: now.toISOString(), faults: [...faults] };
  await writeFileAtomically(file, `${JSON.stringify(body)}\n`, { mode: 0o600, durable: false });
}

function sameFaults(a: readonly AgentFault[], b: readonly AgentFault[]): boolean {
  const key = (faults: readonly AgentFault[]) =>
    JSON.stringify(faults.map((f) => [f.agent, f.stage, f.message]).sort());
  return key(a) === key(b);
}
