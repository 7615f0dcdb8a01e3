import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { cli } from '../support/cli.js';
import { makeScheduleHome, runRecord, type ScheduleHome } from '../support/schedule/home.js';

/** `nightshift retire / unretire` as a user runs them (issue 17 part 4). */
let home: ScheduleHome;
const ns = (...args: string[]) => cli([...args, '--home', home.root]);
const at = (relative: string) => join(home.root, relative);

beforeEach(async () => {
  home = await makeScheduleHome('timezone: UTC\n');
  await home.writeAgent('digest', { review: 'none', owner: 'ana' });
  await home.writeAgent('other', { review: 'none' });
  await home.writeRaw('runbooks/digest.md', '# digest\n');
  await home.writeRaw('evals/digest/first/input.md', 'in\n');
  // history in the current month, so costs has something of digest's to count
  await home.appendRuns([runRecord('digest', new Date(Date.now() - 3_600_000), { cost_usd: 1.25 })]);
});
afterEach(() => home.remove());

describe('nightshift retire', () => {
  test('moves the files, refuses runs on the record, keeps logs and costs, registry lists it apart; unretire brings it back disabled', async () => {
    const noReason = await ns('retire', 'digest');
    expect(noReason.code).toBe(2);
    expect(noReason.stderr).toContain('retire needs a reason');

    const retired = await ns('retire', 'digest', '--reason', 'the team reads the tracker now');
    expect(retired.code, retired.stderr).toBe(0);
    expect(retired.stdout).toContain('Retired digest');
    for (const gone of ['agents/digest.md', 'runbooks/digest.md', 'evals/digest'])
      expect(existsSync(at(gone))).toBe(false);
    for (const kept of [
      'retired/agents/digest.md',
      'retired/runbooks/digest.md',
      'retired/evals/digest/first/input.md',
    ])
      expect(existsSync(at(kept))).toBe(true);
    const change = (await home.changes()).at(-1)!;
    expect(change).toMatchObject({ action: 'retire', agent: 'digest', reason: 'the team reads the tracker now' });
    expect(change.by).toBeTruthy();

    // a run is refused on the record, like a disabled agent's: SKIPPED, reason retired (exit 5 as for disabled)
    const run = await ns('run', 'digest');
    expect(run.code).toBe(5);
    expect(run.stdout + run.stderr).toContain('retired');
    const logs = JSON.parse((await ns('logs', 'digest', '--json')).stdout) as Array<{
      status: string;
      reason: string | null;
    }>;
    expect(logs.map((r) => r.status)).toEqual(['OK', 'SKIPPED']);
    expect(logs[1]!.reason).toBe('retired');

    // the other switches refuse it with the way back
    const pause = await ns('pause', 'digest');
    expect(pause.code).toBe(2);
    expect(pause.stderr).toContain('nightshift unretire digest');

    // costs still count it
    const costs = JSON.parse((await ns('costs', '--json')).stdout) as {
      rows: Array<{ name: string; monthToDate: number; state: string | null }>;
    };
    expect(costs.rows.find((r) => r.name === 'digest')).toMatchObject({ monthToDate: 1.25, state: 'retired' });

    // status hides it unless asked; registry lists it in its own section with date and reason
    expect((await ns('status')).stdout).not.toContain('digest');
    expect((await ns('status', '--retired')).stdout).toMatch(/retired\s+digest/);
    const registry = await ns('registry');
    expect(registry.stdout).toMatch(
      /RETIRED[\s\S]*digest\s+ana\s+\d{4}-\d{2}-\d{2}\s+\S+\s+the team reads the tracker now/,
    );
    const markdown = await ns('registry', '--markdown');
    expect(markdown.stdout).toContain('## Retired agents');
    expect(markdown.stdout).toMatch(
      /\| digest \| ana \| \d{4}-\d{2}-\d{2} \| \S+ \| the team reads the tracker now \|/,
    );
    const json = JSON.parse((await ns('registry', '--json')).stdout) as {
      rows: Array<{ name: string }>;
      retired: Array<{ name: string }>;
    };
    expect(json.rows.map((r) => r.name)).toEqual(['other']);
    expect(json.retired.map((r) => r.name)).toEqual(['digest']);

    // a second retire changes nothing
    const again = await ns('retire', 'digest', '--reason', 'again');
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('already retired');

    const back = await ns('unretire', 'digest', '--reason', 'the tracker died');
    expect(back.code, back.stderr).toBe(0);
    expect(back.stdout).toContain('disabled');
    for (const kept of ['agents/digest.md', 'runbooks/digest.md', 'evals/digest/first/input.md'])
      expect(existsSync(at(kept))).toBe(true);
    expect(existsSync(at('retired/agents/digest.md'))).toBe(false);
    expect((await home.changes()).at(-1)).toMatchObject({
      action: 'unretire',
      agent: 'digest',
      after: { state: 'disabled' },
    });
    expect((await ns('status')).stdout).toMatch(/disabled\s+digest/);
  });

  test('unretire refuses while a live agent of that name exists', async () => {
    expect((await ns('retire', 'digest', '--reason', 'done')).code).toBe(0);
    const made = await ns('new', 'digest');
    expect(made.code).toBe(2);
    expect(made.stderr).toContain('digest is the name of a retired agent');
    expect(existsSync(at('agents/digest.md'))).toBe(false);
    await home.writeAgent('digest', { review: 'none' }); // someone made a new digest meanwhile
    const refused = await ns('unretire', 'digest');
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('agents/digest.md and retired/agents/digest.md');
    expect(existsSync(at('retired/agents/digest.md'))).toBe(true);
    expect(await readFile(at('retired/runbooks/digest.md'), 'utf8')).toBe('# digest\n');
  });

  test('a move cut short by a crash loses nothing: the agent stays retired, and either command finishes the job', async () => {
    // the state a crash leaves after `retire` recorded the state and moved only the agent file
    expect((await ns('retire', 'digest', '--reason', 'done')).code).toBe(0);
    await mkdir(at('runbooks'), { recursive: true });
    await rename(at('retired/runbooks/digest.md'), at('runbooks/digest.md'));
    await mkdir(at('evals'), { recursive: true });
    await rename(at('retired/evals/digest'), at('evals/digest'));
    expect((await ns('run', 'digest')).code).toBe(5); // still refused: the state says retired

    const finished = await ns('retire', 'digest', '--reason', 'done');
    expect(finished.code, finished.stderr).toBe(0);
    expect(finished.stdout).toContain('interrupted move is now finished');
    expect(existsSync(at('retired/runbooks/digest.md'))).toBe(true);
    expect(existsSync(at('retired/evals/digest/first/input.md'))).toBe(true);

    // and the other way: unretire cut short after moving the eval cases back, before the agent file and the state
    await rename(at('retired/evals/digest'), at('evals/digest'));
    const run = await ns('run', 'digest');
    expect(run.code).toBe(5);
    const back = await ns('unretire', 'digest');
    expect(back.code, back.stderr).toBe(0);
    for (const kept of ['agents/digest.md', 'runbooks/digest.md', 'evals/digest/first/input.md'])
      expect(existsSync(at(kept))).toBe(true);
    expect(existsSync(at('retired/agents/digest.md'))).toBe(false);

    // the agent file back in agents/ with the state still retired (unretire crashed before recording): runs refused, unretire finishes
    expect((await ns('retire', 'digest', '--reason', 'done')).code).toBe(0);
    await rename(at('retired/agents/digest.md'), at('agents/digest.md'));
    const refused = await ns('run', 'digest');
    expect(refused.code).toBe(5);
    expect((await ns('unretire', 'digest')).code).toBe(0);
    expect(JSON.parse(await readFile(at('state.json'), 'utf8')).agents.digest.state).toBe('disabled');
  });

  test('the watchdog raises nothing for a retired agent, whether its files have moved or not yet', async () => {
    await home.appendRuns([runRecord('digest', new Date(Date.now() - 60_000), { status: 'ERROR', reason: '503' })]);
    const before = await ns('check');
    expect(before.stdout).toContain('non_ok:digest');
    expect((await ns('retire', 'digest', '--reason', 'done')).code).toBe(0);
    const after = await ns('check');
    expect(after.stdout).not.toMatch(/^\s*key non_ok:digest$/m);
    expect((await home.alerts()).filter((a) => a.key === 'non_ok:digest').map((a) => a.event)).toContain('resolve');
    // half-moved: the agent file back in agents/, the state still retired
    await rename(at('retired/agents/digest.md'), at('agents/digest.md'));
    const half = await ns('check');
    expect(half.stdout).not.toMatch(/^\s*key non_ok:digest$/m);
    expect((await home.alerts()).filter((a) => a.key === 'non_ok:digest' && a.event === 'open')).toHaveLength(1);
  });

  test('a file on both sides is a conflict, refused before anything changes', async () => {
    await writeFile(
      join(await mkdir(at('retired/agents'), { recursive: true }).then(() => at('retired/agents')), 'digest.md'),
      'old\n',
    );
    const refused = await ns('retire', 'digest', '--reason', 'done');
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('both agents/digest.md and retired/agents/digest.md exist');
    expect(existsSync(at('agents/digest.md'))).toBe(true);
    expect((await home.changes()).filter((c) => c.action === 'retire')).toEqual([]);
  });
});
