import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The built CLI, as a user runs it (`npm test` builds first). */
export const BIN = fileURLToPath(new URL('../../bin/nightshift.js', import.meta.url));
const DIST = fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url));

export interface Ran {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface CliOptions {
  /** added to the test process's environment (NO_COLOR is always set) */
  env?: NodeJS.ProcessEnv;
  onSpawn?: (pid: number) => void;
}

/** Runs `nightshift …` to its end; a test that drives the CLI fails at once, by name, when dist/ was never built. */
export function cli(args: string[], options: CliOptions = {}): Promise<Ran> {
  if (!existsSync(DIST))
    throw new Error('dist/ is missing: these tests drive the built CLI; run `npm run build` (npm test does)');
  return new Promise((resolve, reject) => {
    const env = { ...process.env, NO_COLOR: '1', ...options.env };
    const child = spawn(process.execPath, [BIN, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('error', reject);
    child.once('spawn', () => options.onSpawn?.(child.pid!));
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}
