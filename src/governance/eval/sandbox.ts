import { copyFile, mkdir, mkdtemp, readdir, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Home } from '../../home/index.js';

/**
 * An eval runs the agent through the real harness, but in a throwaway home:
 * its output must not land in outputs/<agent>/ (where the review ritual
 * would pick it), its lock must not block the production run, and its state
 * is "enabled" whatever the operator set (an eval is how a fix is checked
 * before resuming). The agent file and nightshift.yaml are copied, so the
 * runner, limits and prices are the real ones; the home's other folders
 * (scripts/, samples/…) are linked, so command runners find what they run.
 */
const MANAGED = new Set(['agents', 'outputs', 'logs', 'run', 'evals', 'state.json', 'nightshift.yaml']);

export interface Sandbox {
  root: string;
  /** where generated inputs are written */
  inputs: string;
  remove(): Promise<void>;
}

export async function createSandbox(home: Home, agent: string): Promise<Sandbox> {
  const root = await mkdtemp(join(tmpdir(), `nightshift-eval-${agent}-`));
  try {
    for (const dir of ['agents', 'outputs', 'logs', 'run', 'inputs']) await mkdir(join(root, dir), { mode: 0o700 });
    await copyFile(home.paths.agentFile(agent), join(root, 'agents', `${agent}.md`));
    if (home.fromFile) await copyFile(home.paths.config, join(root, 'nightshift.yaml'));
    for (const name of await readdir(home.root)) {
      if (!MANAGED.has(name) && !name.startsWith('.')) await symlink(join(home.root, name), join(root, name));
    }
  } catch (error) {
    await rm(root, { recursive: true, force: true });
    throw error;
  }
  return { root, inputs: join(root, 'inputs'), remove: () => rm(root, { recursive: true, force: true }) };
}
