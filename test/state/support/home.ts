import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { homePaths } from '../../../src/home/paths.js';
import type { HomePaths } from '../../../src/home/paths.js';

/** A fresh, empty home folder per test; removed by the returned cleanup. */
export async function tempHome(): Promise<{ paths: HomePaths; cleanup: () => Promise<void> }> {
  const root = await mkdtemp(join(tmpdir(), 'nightshift-state-'));
  return { paths: homePaths(root), cleanup: () => rm(root, { recursive: true, force: true }) };
}
