import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach } from 'vitest';
import { cli as runCli, type Ran } from '../support/cli.js';

/** A private copy of fixtures/demo-home (no date shift), and the built CLI. */
export const FIXTURES = fileURLToPath(new URL('../../fixtures/', import.meta.url));
export const BIN = fileURLToPath(new URL('../../bin/nightshift.js', import.meta.url));

/** In a test file: a fresh copy of the demo home per test (`const demo = freshDemo()`), removed after it. */
export function demoCopies(): () => { root: string } {
  let current: { root: string; remove(): void } | undefined;
  afterEach(() => {
    current?.remove();
    current = undefined;
  });
  return () => (current = copyDemo());
}

export function copyDemo(): { root: string; remove(): void } {
  const root = mkdtempSync(join(tmpdir(), 'ns-gov-demo-'));
  cpSync(join(FIXTURES, 'demo-home'), root, { recursive: true });
  return { root, remove: () => rmSync(root, { recursive: true, force: true }) };
}

export type { Ran } from '../support/cli.js';

/** The built CLI with `env` added to this process's environment. */
export function cli(args: string[], env: NodeJS.ProcessEnv = {}): Promise<Ran> {
  return runCli(args, { env });
}

/** sha256 of every file under `dir` (empty when it does not exist), via the shell for brevity. */
export function treeDigest(dir: string): string {
  try {
    return execFileSync(
      'sh',
      ['-c', `cd "${dir}" && find . -type f ! -path './run/*.cache.json' -print0 | sort -z | xargs -0 sha256sum`],
      { encoding: 'utf8' },
    );
  } catch {
    return '';
  }
}
