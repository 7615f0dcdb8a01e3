import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alertEventSchema, changeRecordSchema, reviewRecordSchema, type RunRecord, runRecordSchema } from '../../src/journal/index.js';
import { DAY_MS, DEMO_NOW, DEMO_TIMEZONE } from '../../src/demo/constants.js';
import { writeDemoHome } from '../../src/demo/write.js';
import { parseStateText } from '../../src/state/index.js';
import { dayKey, wallTime } from '../../src/time/index.js';
import { demo, jsonl } from './support.js';

const JOURNALS = ['logs/runs.jsonl', 'logs/alerts.jsonl', 'logs/changes.jsonl', 'logs/reviews.jsonl'] as const;
const SCHEMAS = { 'logs/runs.jsonl': runRecordSchema, 'logs/alerts.jsonl': alertEventSchema, 'logs/changes.jsonl': changeRecordSchema, 'logs/reviews.jsonl': reviewRecordSchema };

let root: string;
let home: string;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'ns-demo-'));
  home = join(root, 'demo-home');
  await writeDemoHome(home, demo().files);
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

function treeHash(dir: string): string {
  const hash = createHash('sha256');
  const walk = (rel: string) => {
    for (const entry of readdirSync(join(dir, rel), { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const path = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(path);
      else hash.update(`${path}\0${statSync(join(dir, path)).mode}\0`).update(readFileSync(join(dir, path)));
    }
  };
  walk('');
  return hash.digest('hex');
}

describe('writeDemoHome', () => {
  it('writes every file with its mode, folders 0700, and the empty folders of the layout', () => {
    expect(statSync(home).mode & 0o777).toBe(0o700);
    for (const dir of ['evals', 'run', 'logs', 'outputs/inbox-digest']) expect(statSync(join(home, dir)).mode & 0o777, dir).toBe(0o700);
    for (const f of demo().files) {
      const path = join(home, f.path);
      expect(statSync(path).mode & 0o777, f.path).toBe(f.mode);
    }
    expect(readFileSync(join(home, 'logs/runs.jsonl'), 'utf8')).toBe(demo().byPath.get('logs/runs.jsonl')!.content);
  });

  it('replaces an earlier demo home but refuses a folder that is not one', async () => {
    writeFileSync(join(home, 'leftover.txt'), 'from an older generator');
    await writeDemoHome(home, demo().files);
    expect(existsSync(join(home, 'leftover.txt'))).toBe(false);
    const foreign = join(root, 'someone-elses');
    mkdirSync(foreign);
    writeFileSync(join(foreign, 'precious.txt'), 'keep me');
    await expect(writeDemoHome(foreign, demo().files)).rejects.toThrow(/no nightshift.yaml/);
    expect(readFileSync(join(foreign, 'precious.txt'), 'utf8')).toBe('keep me');
  });
});

