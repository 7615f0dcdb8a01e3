import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { BIN } from '../support/cli.js';

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** Runs the CLI with its stdout read up to the first chunk and then closed, as `| head -1` does. */
function closedAfterFirstChunk(args: string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, NO_COLOR: '1' } });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.once('data', () => child.stdout.destroy());
    child.on('close', (code) => resolve({ code, stderr }));
  });
}

describe('a reader that stops early (`nightshift logs | head -1`)', () => {
  test('the command ends as it would have, with no EPIPE trace', async () => {
    const home = mkdtempSync(join(tmpdir(), 'ns-pipe-'));
    dirs.push(home);
    cpSync(join(import.meta.dirname ?? new URL('.', import.meta.url).pathname, '../../fixtures/demo-home'), home, {
      recursive: true,
    });
    // more than a pipe holds (64 KB), so the writer meets the closed end
    for (const args of [
      ['logs', '--limit', '100000'],
      ['logs', '--limit', '100000', '--json'],
    ]) {
      const ran = await closedAfterFirstChunk([...args, '--home', home]);
      expect([args.join(' '), ran.stderr]).not.toEqual([args.join(' '), expect.stringContaining('EPIPE')]);
      expect([args.join(' '), ran.code]).toEqual([args.join(' '), 0]);
    }
  });
});
