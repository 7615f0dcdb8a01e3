import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import {
  cronBlockInstalled,
  installCronBlock,
  refreshCronBlockIfInstalled,
  uninstallCronBlock,
} from '../../src/crontab/index.js';
import { runCheck } from '../../src/watchdog/index.js';
import { startAll, stopAll, switchAgent } from '../../src/switches/index.js';
import { makeScheduleHome, type ScheduleHome } from '../support/schedule/home.js';
import { ensureCrontab, readCrontab, writeCrontab } from '../support/schedule/crontab.js';

/**
 * Against the real crontab(1), on the current user's crontab (saved first,
 * restored after). Each test uses its own home, so its block has its own
 * markers.
 */
const FOREIGN = Buffer.from(
  [
    '# my crontab, by hand\n',
    'MAILTO=""\n',
    'PATH=/usr/local/bin:/usr/bin:/bin\n',
    '*/5 * * * * /usr/local/bin/poll --flag="a b" 2>&1 | logger -t poll\n',
    '# BEGIN certbot\n',
    '0 */12 * * * certbot renew -q\n',
    '# END certbot\n',
    '0 0 * * * echo 100\\% done # \xe9t\xe9\n',
  ].join(''),
  'latin1',
);

let saved: Buffer | null;
beforeAll(() => {
  ensureCrontab();
  saved = readCrontab();
}, 300_000);
afterAll(() => writeCrontab(saved));

let home: ScheduleHome;
beforeEach(async () => {
  home = await makeScheduleHome();
  await home.writeAgent('nightly', { trigger: { cron: '0 23 * * *', timezone: 'UTC' } });
  await home.writeAgent('hourly', { trigger: { cron: '15 * * * *', timezone: 'Etc/UTC' } });
  await home.writeAgent('watcher', { trigger: { watch: { path: '/tmp/nowhere/*.txt' } } });
  writeCrontab(FOREIGN);
});
afterEach(async () => {
  writeCrontab(saved);
  await home.remove();
});

const agentLines = () =>
  (readCrontab() ?? Buffer.alloc(0))
    .toString('latin1')
    .split('\n')
    .filter((line) => / run [a-z-]+ --trigger cron /.test(line));
const agentsInBlock = () =>
  agentLines()
    .map((line) => / run ([a-z-]+) /.exec(line)![1])
    .sort();

describe('nightshift cron, with the real crontab', () => {
  test("install adds one block after the user's own lines, which stay byte for byte; uninstall restores the exact file", async () => {
    const opened = await home.open();
    const result = await installCronBlock(opened);
    expect(result.changed).toBe(true);
    const after = readCrontab()!;
    expect(after.subarray(0, FOREIGN.length).equals(FOREIGN)).toBe(true);
    const block = after.subarray(FOREIGN.length).toString('utf8');
    expect(block.split('\n')[0]).toBe(`# BEGIN nightshift ${home.root}`);
    expect(block).toContain(`run hourly --trigger cron --home ${home.root} >/dev/null`);
    expect(block).toContain(`check --home ${home.root} >/dev/null`);
    expect(block.trimEnd().split('\n').at(-1)).toBe(`# END nightshift ${home.root}`);
    expect(agentsInBlock()).toEqual(['hourly', 'nightly']);
    // again: nothing to change
    expect((await installCronBlock(opened)).changed).toBe(false);
    expect(await uninstallCronBlock(opened)).toEqual({ removed: true });
    expect(readCrontab()!.equals(FOREIGN)).toBe(true);
  });

  test('with no crontab at all: install creates one, uninstall leaves none', async () => {
    writeCrontab(null);
    const opened = await home.open();
    await installCronBlock(opened, { watchdog: false });
    expect(agentsInBlock()).toEqual(['hourly', 'nightly']);
    await uninstallCronBlock(opened);
    expect(readCrontab()).toBeNull();
    expect(await uninstallCronBlock(opened)).toEqual({ removed: false });
  });

  test('kill switches take agents out of an installed block and put them back; nothing happens without one', async () => {
    const opened = await home.open();
    await switchAgent(opened, 'pause', 'nightly', { source: 'cli' });
    expect(readCrontab()!.equals(FOREIGN)).toBe(true);
    await switchAgent(opened, 'resume', 'nightly', { source: 'cli' });

    await installCronBlock(opened);
    await switchAgent(opened, 'pause', 'nightly', { source: 'cli', reason: 'noisy' });
    expect(agentsInBlock()).toEqual(['hourly']);
    await switchAgent(opened, 'disable', 'hourly', { source: 'cli' });
    expect(agentsInBlock()).toEqual([]);
    await switchAgent(opened, 'resume', 'nightly', { source: 'cli' });
    await switchAgent(opened, 'enable', 'hourly', { source: 'cli' });
    expect(agentsInBlock()).toEqual(['hourly', 'nightly']);
    await stopAll(opened, { source: 'cli' });
    expect(agentsInBlock()).toEqual([]);
    expect(readCrontab()!.toString('latin1')).toContain(' check --home ');
    await startAll(opened, { source: 'cli' });
    expect(agentsInBlock()).toEqual(['hourly', 'nightly']);
    expect(readCrontab()!.subarray(0, FOREIGN.length).equals(FOREIGN)).toBe(true);
  });

  test('a pause that ends by itself comes back into the block at the next `check`', async () => {
    const opened = await home.open();
    await installCronBlock(opened);
    await switchAgent(opened, 'pause', 'nightly', { source: 'cli', until: new Date(Date.now() + 1500) });
    expect(agentsInBlock()).toEqual(['hourly']);
    await new Promise((resolve) => setTimeout(resolve, 1600));
    const result = await runCheck(opened, { channels: [] });
    expect(result.changes.map((c) => `${c.action} ${c.agent}`)).toEqual(['auto-resume nightly']);
    expect(result.plainCron).toBe(true);
    expect(agentsInBlock()).toEqual(['hourly', 'nightly']);
  });

  test('definition edits are followed by a refresh; a seconds schedule is refused by name', async () => {
    const opened = await home.open();
    await installCronBlock(opened);
    await home.writeAgent('nightly', { trigger: { cron: '0 22 * * *', timezone: 'UTC' } });
    await home.writeAgent('tick', { trigger: { cron: '*/5 * * * * *' } });
    const refreshed = await refreshCronBlockIfInstalled(opened);
    expect(refreshed).toMatchObject({ installed: true, changed: true });
    expect(refreshed.plan!.refused.map((r) => r.agent)).toEqual(['tick']);
    expect(agentLines().find((line) => line.includes('run nightly'))).toMatch(/^0 22 \* \* \* /);
    expect(await cronBlockInstalled(opened)).toBe(true);
  });

  test('the CLI: install, show, uninstall; exit 1 when an agent could not be installed', async () => {
    const bin = join(process.cwd(), 'bin', 'nightshift.js');
    if (!existsSync(join(process.cwd(), 'dist', 'cli', 'main.js')))
      throw new Error('dist/ is not built: run `npm run build`');
    const cli = (...args: string[]) =>
      spawnSync(process.execPath, [bin, ...args, '--home', home.root], { encoding: 'utf8' });
    const show = cli('cron', 'show');
    expect(show.status).toBe(1);
    expect(show.stdout).toContain('Not installed');
    expect(show.stdout).toContain(`# BEGIN nightshift ${home.root}`);
    const install = cli('cron', 'install');
    expect(install.status).toBe(0);
    expect(install.stdout).toContain('Installed the nightshift block');
    expect(cli('cron', 'show').status).toBe(0);
    await home.writeAgent('tick', { trigger: { cron: '*/5 * * * * *' } });
    const refused = cli('cron', 'install');
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/tick is not in the crontab: its cron "\*\/5 \* \* \* \* \*" has a seconds field/);
    expect(cli('cron', 'uninstall').status).toBe(0);
    expect(readCrontab()!.equals(FOREIGN)).toBe(true);
  });
});
