import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, test } from 'vitest';
import { cli } from '../support/cli.js';

/**
 * Every journal, through every command that writes it: a torn last line (a
 * crash, a full disk) never swallows the next record. And there is one
 * append: no module but the journal's own opens a .jsonl for appending.
 */
const REPO = fileURLToPath(new URL('../../', import.meta.url));
const TORN = '{"v":1,"torn":"by a crash';

let root: string | null = null;
afterEach(() => {
  if (root) rmSync(root, { recursive: true, force: true });
  root = null;
});

describe('a torn last line in every journal', () => {
  test('runs, alerts, changes, reviews, evals, eval runs: each command appends on a fresh line, and the torn line stays one line of its own', async () => {
    root = mkdtempSync(join(tmpdir(), 'ns-torn-'));
    cpSync(join(REPO, 'fixtures', 'demo-home'), root, { recursive: true });
    const journals = ['runs', 'alerts', 'changes', 'reviews', 'evals', 'eval-runs'].map((name) =>
      join(root!, 'logs', `${name}.jsonl`),
    );
    for (const journal of journals) writeFileSync(journal, TORN, { flag: 'a' });
    const agent = 'nightly-summarizer';
    const home = ['--home', root];
    for (const args of [
      ['pause', agent, '--reason', 'r'],
      ['resume', agent],
      ['review', 'mark', agent, '--note', 'n'],
      ['eval', agent],
      ['run', agent],
      ['check'],
    ]) {
      const ran = await cli([...args, ...home]);
      expect([args, ran.stderr]).toEqual([args, expect.not.stringContaining('internal error')]);
    }
    for (const journal of journals) {
      const lines = readFileSync(journal, 'utf8').split('\n');
      const at = lines.indexOf(TORN);
      expect([journal, at]).toEqual([journal, expect.any(Number)]);
      expect(at).toBeGreaterThanOrEqual(0);
      const after = lines.slice(at + 1);
      expect(after.at(-1)).toBe(''); // ends in "\n"
      expect(after.length).toBeGreaterThan(1); // something was appended after the tear
      for (const line of after.slice(0, -1))
        expect(() => JSON.parse(line), `${journal}: ${line.slice(0, 80)}`).not.toThrow();
    }
    const history = await cli(['history', agent, ...home]);
    expect(history.stdout).toMatch(/pause +by .*\n(.*\n)*.*resume +by /);
  }, 120_000);
});

/** Every .ts file under src/, as [path relative to the repo, text]. */
function sources(dir = join(REPO, 'src')): Array<[string, string]> {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.tsx?$/.test(name) ? [[relative(REPO, path), readFileSync(path, 'utf8')] as [string, string]] : [];
  });
}

describe('one append for every journal', () => {
  test('only src/journal/append-lines.ts opens a file for appending (the archives of prune append whole gzip members, under their own undo)', () => {
    const ARCHIVE_WRITERS = new Set([
      'src/governance/archive/output-archive.ts',
      'src/governance/archive/runs-archive.ts',
    ]);
    const appending = /appendFile(Sync)?\(|open(Sync)?\([^)]*['"]a\+?['"]|flags:\s*['"]a\+?['"]|O_APPEND/;
    // not a journal: the live feed of a run in flight has one writer, may lose lines, and is removed when the run ends
    const LIVE_FEED = 'src/harness/live-file.ts';
    const offenders = sources()
      .filter(([path]) => path !== 'src/journal/append-lines.ts' && path !== LIVE_FEED && !ARCHIVE_WRITERS.has(path))
      .filter(([, text]) => text.split('\n').some((line) => appending.test(line) && !/^\s*(\/\*|\*|\/\/)/.test(line)))
      .map(([path]) => path);
    expect(offenders).toEqual([]);
  });
});
