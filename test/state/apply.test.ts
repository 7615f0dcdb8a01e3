import { chmod, mkdir, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { currentHost } from '../../src/shared/index.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CorruptFileError, HomeMissingError } from '../../src/shared/errors.js';
import { homePaths } from '../../src/home/paths.js';
import type { HomePaths } from '../../src/home/paths.js';
import { changeRecordSchema } from '../../src/journal/records.js';
import { applyChange, defaultState, formatState, readState, resumeExpiredPauses } from '../../src/state/index.js';
import { ChangeNotRecordedError } from '../../src/state/errors.js';
import { tempHome } from './support/home.js';

const NOW = new Date('2026-11-20T08:00:00.000Z');
let paths: HomePaths;
let cleanup: () => Promise<void>;

beforeEach(async () => {
  ({ paths, cleanup } = await tempHome());
});
afterEach(async () => cleanup());

async function journal(): Promise<unknown[]> {
  const text = await readFile(paths.changesJournal, 'utf8').catch(() => '');
  return text
    .split('\n')
    .filter(Boolean)
    .map((line) => changeRecordSchema.parse(JSON.parse(line)));
}

const modeOf = async (file: string) => (await stat(file)).mode & 0o777;

describe('readState', () => {
  it('a home without state.json has the default state, and reading creates nothing', async () => {
    expect(await readState(paths)).toEqual(defaultState());
    await expect(stat(paths.state)).rejects.toMatchObject({ code: 'ENOENT' });
  });
});

describe('applyChange', () => {
  it('writes state.json, then one change record with who, when, why, before and after', async () => {
    const result = await applyChange(
      paths,
      { action: 'pause', agent: 'inbox-digest', reason: 'investigating cost', by: 'aycee', source: 'console' },
      NOW,
    );
    expect(result.applied).toBe(true);
    const state = await readState(paths);
    expect(state.agents['inbox-digest']).toEqual({
      state: 'paused',
      reason: 'investigating cost',
      since: NOW.toISOString(),
      by: 'aycee',
      paused_until: null,
    });
    expect(await journal()).toEqual([
      {
        v: 1,
        at: NOW.toISOString(),
        by: 'aycee',
        action: 'pause',
        agent: 'inbox-digest',
        reason: 'investigating cost',
        source: 'console',
        before: { state: 'enabled', reason: null, since: null, by: null, paused_until: null },
        after: state.agents['inbox-digest'],
        // the machine it was made on: a shared home's history says who did what where
        host: currentHost(),
      },
    ]);
    expect(await readFile(paths.state, 'utf8')).toBe(formatState(state));
  });

  it('who defaults to $USER', async () => {
    const saved = process.env.USER;
    process.env.USER = 'night-operator';
    try {
      const result = await applyChange(paths, { action: 'disable', agent: 'a' }, NOW);
      expect(result.applied && result.record.by).toBe('night-operator');
    } finally {
      process.env.USER = saved;
    }
  });

  it('a no-op is reported to the caller and neither file is touched', async () => {
    await applyChange(paths, { action: 'pause', agent: 'a', by: 'aycee' }, NOW);
    const before = await readFile(paths.state, 'utf8');
    const result = await applyChange(paths, { action: 'pause', agent: 'a', by: 'bob' }, new Date(NOW.getTime() + 1000));
    expect(result).toMatchObject({ applied: false, noop: 'already-paused' });
    expect(result.applied ? '' : result.message).toContain(
      'a is already paused (since 2026-11-20T08:00:00.000Z, by aycee)',
    );
    expect(await readFile(paths.state, 'utf8')).toBe(before);
    expect(await journal()).toHaveLength(1);
  });

  it('state.json and changes.jsonl are private (0600), even replacing a 0644 state.json and a stale 0644 temp file', async () => {
    await writeFile(paths.state, formatState(defaultState()), { mode: 0o644 });
    await writeFile(`${paths.root}/.state.json.tmp`, 'leftover', { mode: 0o644 });
    await chmod(paths.state, 0o644);
    await applyChange(paths, { action: 'stop-all', by: 'aycee' }, NOW);
    expect(await modeOf(paths.state)).toBe(0o600);
    expect(await modeOf(paths.changesJournal)).toBe(0o600);
    expect((await readState(paths)).global.stopped).toBe(true);
  });

  it('a home that does not exist is a HomeMissingError, and nothing is created', async () => {
    const missing = homePaths(`${paths.root}/nowhere`);
    await expect(applyChange(missing, { action: 'pause', agent: 'a' }, NOW)).rejects.toBeInstanceOf(HomeMissingError);
    await expect(stat(missing.root)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('a record that cannot be appended undoes the state change', async () => {
    await applyChange(paths, { action: 'pause', agent: 'a', by: 'aycee' }, NOW);
    const before = await readFile(paths.state, 'utf8');
    await rm(paths.changesJournal);
    await mkdir(paths.changesJournal); // appending to a directory fails with EISDIR
    await expect(applyChange(paths, { action: 'resume', agent: 'a' }, NOW)).rejects.toBeInstanceOf(
      ChangeNotRecordedError,
    );
    expect(await readFile(paths.state, 'utf8')).toBe(before);
  });
});

describe('a corrupt state.json is refused and never overwritten', () => {
  const cases: Array<[string, string, RegExp]> = [
    ['invalid JSON', '{"v": 1, "global": {', /not valid JSON: .*\(line 1, column \d+\)/],
    [
      'the wrong shape',
      '{"v":1,"global":{"stopped":"no"},"agents":{}}',
      /does not match the state format at global\.stopped/,
    ],
    ['a newer version', '{"v":2,"global":{},"agents":{}}', /newer nightshift \(state format v2\)/],
  ];
  for (const [what, text, problem] of cases) {
    it(`${what}: CorruptFileError, bytes unchanged, nothing recorded`, async () => {
      await writeFile(paths.state, text, { mode: 0o600 });
      const error = await applyChange(paths, { action: 'pause', agent: 'a' }, NOW).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(CorruptFileError);
      expect((error as CorruptFileError).message).toMatch(problem);
      expect((error as CorruptFileError).file).toBe(paths.state);
      expect((error as CorruptFileError).fix).toMatch(/move the file aside; nightshift never overwrites it silently/);
      expect(await readFile(paths.state, 'utf8')).toBe(text);
      expect(await journal()).toEqual([]);
      await expect(readState(paths)).rejects.toBeInstanceOf(CorruptFileError);
    });
  }

  it('unreadable (a directory where the file should be): CorruptFileError with the errno, left in place', async () => {
    await mkdir(paths.state);
    const error = await readState(paths).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CorruptFileError);
    expect((error as CorruptFileError).message).toContain('cannot be read (EISDIR)');
    await expect(applyChange(paths, { action: 'pause', agent: 'a' }, NOW)).rejects.toBeInstanceOf(CorruptFileError);
    expect((await stat(paths.state)).isDirectory()).toBe(true);
  });
});

describe('the lock', () => {
  it('takes over a stale lock left by a crashed process', async () => {
    await mkdir(paths.stateLock, { recursive: true });
    const minuteAgo = new Date(Date.now() - 60_000);
    await utimes(paths.stateLock, minuteAgo, minuteAgo);
    const started = Date.now();
    expect((await applyChange(paths, { action: 'pause', agent: 'a' }, NOW)).applied).toBe(true);
    expect(Date.now() - started).toBeLessThan(2_000);
    await expect(stat(paths.stateLock)).rejects.toMatchObject({ code: 'ENOENT' }); // released
  });

  it('waits for a live holder instead of failing or writing past it', async () => {
    await mkdir(paths.stateLock, { recursive: true });
    let releasedAt = 0;
    setTimeout(() => {
      releasedAt = Date.now();
      void rm(paths.stateLock, { recursive: true });
    }, 400);
    await applyChange(paths, { action: 'pause', agent: 'a' }, NOW);
    expect(releasedAt).toBeGreaterThan(0);
    expect((await readState(paths)).agents.a?.state).toBe('paused');
  });

  it('changes from one process never lose each other either', async () => {
    const agents = ['a', 'b', 'c', 'd', 'e', 'f'];
    await Promise.all(agents.map((agent) => applyChange(paths, { action: 'disable', agent }, NOW)));
    const state = await readState(paths);
    expect(Object.keys(state.agents).sort()).toEqual(agents);
    expect(await journal()).toHaveLength(agents.length);
  });
});

describe('resumeExpiredPauses', () => {
  it('resumes, recorded as nightshift, exactly the pauses whose end has passed', async () => {
    await applyChange(paths, { action: 'pause', agent: 'short', until: '2026-11-20T09:00:00.000Z', by: 'aycee' }, NOW);
    await applyChange(paths, { action: 'pause', agent: 'long', until: '2026-12-01T09:00:00.000Z', by: 'aycee' }, NOW);
    await applyChange(paths, { action: 'pause', agent: 'open-ended', by: 'aycee' }, NOW);
    const later = new Date('2026-11-20T10:00:00.000Z');
    const results = await resumeExpiredPauses(paths, later);
    expect(results.map((r) => [r.change.agent, r.applied])).toEqual([['short', true]]);
    const records = await journal();
    expect(records.at(-1)).toMatchObject({
      action: 'auto-resume',
      agent: 'short',
      by: 'nightshift',
      source: 'daemon',
      at: later.toISOString(),
      reason: 'paused until 2026-11-20T09:00:00.000Z passed',
    });
    const state = await readState(paths);
    expect([state.agents.short?.state, state.agents.long?.state, state.agents['open-ended']?.state]).toEqual([
      'enabled',
      'paused',
      'paused',
    ]);
    expect(await resumeExpiredPauses(paths, later)).toEqual([]);
  });
});
