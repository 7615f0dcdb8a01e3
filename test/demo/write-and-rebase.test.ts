import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alertEventSchema, changeRecordSchema, reviewRecordSchema, type RunRecord, runRecordSchema } from '../../src/journal/index.js';
import { DAY_MS, DEMO_NOW, DEMO_TIMEZONE } from '../../src/demo/constants.js';
import { copyDemoHome, rebaseDays } from '../../src/demo/rebase.js';
import { dateShifter } from '../../src/demo/shift.js';
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

describe('dateShifter', () => {
  it('moves instants and plain dates by whole days at the same Berlin wall time, keeping their length', () => {
    const shift = dateShifter(200, DEMO_TIMEZONE);
    // 23:00 in winter time (22:00Z) is 23:00 in summer time (21:00Z) two hundred days later.
    expect(shift('"2026-11-22T22:00:00.696Z"')).toBe('"2027-06-10T21:00:00.696Z"');
    expect(shift('outputs/x/2026-11-22T083000.md and 2026-11-22 07:00, Date: 2026-11-22T07:12:00+01:00')).toBe(
      'outputs/x/2027-06-10T083000.md and 2027-06-10 07:00, Date: 2027-06-10T07:12:00+01:00',
    );
    expect(shift('run 4f242631-0885-4bd2-9a11-2026a1b2c3d4 and v1.43 and 1234-56-78')).toBe('run 4f242631-0885-4bd2-9a11-2026a1b2c3d4 and v1.43 and 1234-56-78');
    expect(dateShifter(0, DEMO_TIMEZONE)('2026-11-22')).toBe('2026-11-22');
  });
});

describe('copyDemoHome', () => {
  it('copies and moves the history forward so it ends this morning, leaving the fixture untouched', async () => {
    const before = treeHash(home);
    const now = new Date(DEMO_NOW.getTime() + 200 * DAY_MS + 5 * 3_600_000);
    const target = join(root, 'copy');
    const started = performance.now();
    const result = await copyDemoHome(home, target, now);
    const ms = performance.now() - started;
    expect(treeHash(home)).toBe(before);
    expect(result.days).toBe(200);
    expect(result.days).toBe(rebaseDays(now));
    // The target is < 300 ms on a quiet machine; this bound only catches a pathological slowdown.
    expect(ms).toBeLessThan(3_000);

    for (const journal of JOURNALS) {
      const original = jsonl(readFileSync(join(home, journal), 'utf8'));
      const copied = jsonl(readFileSync(join(target, journal), 'utf8'));
      expect(copied.length, journal).toBe(original.length);
      for (const record of copied) expect(SCHEMAS[journal].safeParse(record).success, journal).toBe(true);
    }
    const runs = jsonl<RunRecord>(readFileSync(join(target, 'logs/runs.jsonl'), 'utf8'));
    for (const run of runs.filter((r) => r.output_file)) {
      const path = join(target, run.output_file!);
      expect(existsSync(path), run.output_file!).toBe(true);
      expect(statSync(path).size).toBe(run.output_size_bytes);
      expect(run.output_file!.split('/')[2]!.startsWith(dayKey(new Date(run.started_at), DEMO_TIMEZONE))).toBe(true);
    }
    const outputsInCopy = readdirSync(join(target, 'outputs'), { recursive: true }).filter((p) => String(p).endsWith('.md'));
    expect(outputsInCopy.length).toBe(runs.filter((r) => r.output_file).length);

    const last = runs.filter((r) => r.agent === 'inbox-digest').at(-1)!;
    expect(dayKey(new Date(last.started_at), DEMO_TIMEZONE)).toBe(dayKey(now, DEMO_TIMEZONE));
    const nightly = runs.filter((r) => r.agent === 'nightly-summarizer').map((r) => wallTime(new Date(r.started_at), DEMO_TIMEZONE));
    expect(nightly.every((w) => w.hour === 23 && w.minute === 0)).toBe(true);
    expect(Date.parse(runs.at(-1)!.ended_at)).toBeLessThan(now.getTime());

    const beat = JSON.parse(readFileSync(join(target, 'run/scheduler.json'), 'utf8')) as { beat_at: string };
    expect(Date.parse(beat.beat_at)).toBe(now.getTime() - 20_000);
    const state = parseStateText(readFileSync(join(target, 'state.json'), 'utf8'), 'state.json');
    expect(Date.parse(state.agents['ticket-monitor']!.paused_until!)).toBeGreaterThan(now.getTime());
    expect(statSync(join(target, 'scripts/disable-agent.sh')).mode & 0o777).toBe(0o700);
    expect(statSync(join(target, 'state.json')).mode & 0o777).toBe(0o600);
    expect(existsSync(join(target, 'evals'))).toBe(true);
    expect(readFileSync(join(target, 'agents/weekly-metrics.md'), 'utf8')).toBe(readFileSync(join(home, 'agents/weekly-metrics.md'), 'utf8'));
  });

  it('copies unchanged on the day the fixture was made, apart from the heartbeat', async () => {
    const target = join(root, 'same-day');
    const now = new Date(DEMO_NOW.getTime() + 3_600_000);
    expect((await copyDemoHome(home, target, now)).days).toBe(0);
    for (const journal of JOURNALS) expect(readFileSync(join(target, journal), 'utf8')).toBe(readFileSync(join(home, journal), 'utf8'));
    await expect(copyDemoHome(home, target, now)).rejects.toThrow(/not empty/);
  });
});
