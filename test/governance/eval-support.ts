import { execFileSync, spawn } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** A private copy of fixtures/demo-home (no date shift), and the built CLI. */
export const FIXTURES = fileURLToPath(new URL('../../fixtures/', import.meta.url));
export const BIN = fileURLToPath(new URL('../../bin/nightshift.js', import.meta.url));
export const DIST = fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url));

export function copyDemo(): { root: string; remove(): void } {
  const root = mkdtempSync(join(tmpdir(), 'ns-gov-demo-'));
  cpSync(join(FIXTURES, 'demo-home'), root, { recursive: true });
  return { root, remove: () => rmSync(root, { recursive: true, force: true }) };
}

export interface Ran {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function cli(args: string[], env: NodeJS.ProcessEnv = {}): Promise<Ran> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, NO_COLOR: '1', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** sha256 of every file under `dir` (empty when it does not exist), via the shell for brevity. */
export function treeDigest(dir: string): string {
  try {
    return execFileSync('sh', ['-c', `cd "${dir}" && find . -type f -print0 | sort -z | xargs -0 sha256sum`], { encoding: 'utf8' });
  } catch {
    return '';
  }
}
