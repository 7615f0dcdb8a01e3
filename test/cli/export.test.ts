import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { cli } from '../support/cli.js';

/**
 * `nightshift export claude-agents [agent…]` on a real home: the JSON on stdout, an invalid agent named on stderr
 * and left out with exit 1, an unknown agent a usage error. That the real `claude --agents` takes the JSON is
 * checked in `npm run test:claude` (test/claude-e2e/export-claude-agents.e2e.ts).
 */
const dir = mkdtempSync(join(tmpdir(), 'ns-export-'));
const home = join(dir, 'home');
const env = { NIGHTSHIFT_HOME: home };
afterAll(() => rmSync(dir, { recursive: true, force: true }));

beforeAll(async () => {
  expect((await cli(['init'], { env })).code).toBe(0);
  writeFileSync(
    join(home, 'agents', 'reviewer.md'),
    '---\nname: reviewer\ndescription: Reviews.\nmodel: haiku\ntools: Read, Grep\n---\nYou review.\n',
  );
});

describe('nightshift export claude-agents', () => {
  test('prints every valid agent keyed by name, exit 0', async () => {
    const ran = await cli(['export', 'claude-agents'], { env });
    expect(ran.code).toBe(0);
    const json = JSON.parse(ran.stdout) as Record<string, { description: string; prompt: string }>;
    expect(Object.keys(json).sort()).toEqual(['nightly-summarizer', 'reviewer']);
    expect(json.reviewer).toEqual({
      description: 'Reviews.',
      prompt: 'You review.\n',
      tools: ['Read', 'Grep'],
      model: 'haiku',
    });
  });

  test('prints only the named agents', async () => {
    const ran = await cli(['export', 'claude-agents', 'reviewer'], { env });
    expect(ran.code).toBe(0);
    expect(Object.keys(JSON.parse(ran.stdout))).toEqual(['reviewer']);
  });

  test('reports an invalid agent on stderr and leaves it out, exit 1', async () => {
    writeFileSync(
      join(home, 'agents', 'broken.md'),
      '---\nname: broken\ndescription: Two models.\nmodel: opus\nrunner:\n  kind: claude\n  model: claude-haiku-4-5\n---\nGo.\n',
    );
    try {
      const ran = await cli(['export', 'claude-agents'], { env });
      expect(ran.code).toBe(1);
      expect(Object.keys(JSON.parse(ran.stdout)).sort()).toEqual(['nightly-summarizer', 'reviewer']);
      expect(ran.stderr).toContain('broken is invalid, left out of the export');
      expect(ran.stderr).toContain('agents/broken.md: model: "opus" disagrees with runner.model "claude-haiku-4-5"');
      const named = await cli(['export', 'claude-agents', 'broken'], { env });
      expect(named.code).toBe(1);
      expect(JSON.parse(named.stdout)).toEqual({});
    } finally {
      rmSync(join(home, 'agents', 'broken.md'));
    }
  });

  test('an unknown agent is a usage error, exit 2', async () => {
    const ran = await cli(['export', 'claude-agents', 'reveiwer'], { env });
    expect(ran.code).toBe(2);
    expect(ran.stderr).toContain('unknown agent "reveiwer" (did you mean "reviewer"?)');
  });
});
