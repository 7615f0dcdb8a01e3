#!/usr/bin/env node
/**
 * Why nightshift's schedules do not come from node-cron (issue 13, point 5;
 * README "Built on"): node-cron 4.6.0's own scheduler, run through both of
 * Europe/Berlin's daylight-saving nights of 2027 with a `30 2 * * *` job,
 * next to nightshift's due times (its own matcher, src/cron/due-times.ts) and
 * to what cronie does.
 *
 *   node bench/schedule/node-cron-dst.mjs          (needs faketime: apt-get install faketime)
 *
 * node-cron is not mocked: each night is a child process running the real
 * package (installed on first use into bench/.work/outside, it is not a
 * dependency of nightshift) under libfaketime, started before the change and
 * sped up SPEED times (the wall clock and the timers alike), so its own timers,
 * clock reads and zone arithmetic decide when the job fires. Its
 * missed-execution tolerance is raised to a minute so that a timer firing a
 * few (sped-up) seconds late still counts as a run; a slot it gives up on is
 * listed as missed.
 *
 * cronie, cron(8): "If time was adjusted one hour forward, those jobs that
 * would have run in the interval that has been skipped will be run
 * immediately. Conversely, if time was adjusted backward, running the same
 * job twice is avoided." So: on the spring-forward day the 02:30 job runs
 * right after the change, at 03:00 CEST; on the fall-back day it runs once,
 * at the first 02:30 (CEST).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { outsidePackage } from '../support.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const ZONE = 'Europe/Berlin';
const EXPRESSION = '30 2 * * *';
const SPEED = 400;
const NIGHTS = {
  'spring forward, 2027-03-28 (02:00 CET → 03:00 CEST)': {
    from: '2027-03-28T00:30:00Z',
    to: '2027-03-28T01:45:00Z',
    cronie: ['2027-03-28T01:00:00Z'],
  },
  'fall back, 2027-10-31 (03:00 CEST → 02:00 CET)': {
    from: '2027-10-31T00:15:00Z',
    to: '2027-10-31T01:45:00Z',
    cronie: ['2027-10-31T00:30:00Z'],
  },
};

if (process.argv[2] === '--child') {
  // inside faketime: the real node-cron, started at `from`, until the clock passes `to`
  const [, , , url, to] = process.argv;
  const cron = (await import(url)).default;
  const fired = [];
  const missed = [];
  const task = cron.schedule(EXPRESSION, (context) => void fired.push(context.date.toISOString()), {
    timezone: ZONE,
    missedExecutionTolerance: 60_000,
  });
  task.on('execution:missed', (context) => missed.push(context.date.toISOString()));
  setTimeout(
    () => {
      console.log(JSON.stringify({ fired, missed, next: task.getNextRun()?.toISOString() ?? null }));
      process.exit(0);
    },
    Date.parse(to) - Date.now(),
  );
} else {
  if (spawnSync('faketime', ['--version']).error) {
    console.error('faketime is not installed (apt-get install faketime): node-cron is run under it, on a faked clock');
    process.exit(2);
  }
  const url = outsidePackage('node-cron', '4.6.0');
  const { build } = await import('esbuild');
  const out = join(root, 'bench', '.work', 'due-times.mjs');
  mkdirSync(join(root, 'bench', '.work'), { recursive: true });
  await build({
    absWorkingDir: root,
    entryPoints: ['src/cron/due-times.ts'],
    outfile: out,
    bundle: true,
    packages: 'external',
    format: 'esm',
    platform: 'node',
    target: 'node20',
    logLevel: 'error',
  });
  const { dueTimesIn } = await import(pathToFileURL(out).href);

  const wall = (iso) =>
    new Intl.DateTimeFormat('en-GB', {
      timeZone: ZONE,
      hour: '2-digit',
      minute: '2-digit',
      timeZoneName: 'short',
    }).format(new Date(iso));
  const show = (list) =>
    list.length === 0 ? 'never' : list.map((iso) => `${wall(iso)} (${iso.slice(0, 16)}Z)`).join(', ');
  console.log(
    `\`${EXPRESSION}\` in ${ZONE}; node-cron 4.6.0 run under faketime at ${SPEED}× (load ${(await import('node:os')).loadavg()[0].toFixed(2)})`,
  );
  let wrong = 0;
  for (const [night, { from, to, cronie }] of Object.entries(NIGHTS)) {
    const stamp = from.replace('T', ' ').replace('Z', '');
    const child = spawnSync(
      'faketime',
      ['-f', `@${stamp} x${SPEED}`, process.execPath, fileURLToPath(import.meta.url), '--child', url, to],
      {
        encoding: 'utf8',
        env: { ...process.env, TZ: 'UTC' },
        timeout: 120_000,
      },
    );
    if (child.status !== 0) throw new Error(`node-cron under faketime exited ${child.status}: ${child.stderr}`);
    const nodeCron = JSON.parse(child.stdout.trim().split('\n').pop());
    const nightshift = dueTimesIn(EXPRESSION, ZONE, Date.parse(from), Date.parse(to)).map((ms) =>
      new Date(ms).toISOString(),
    );
    const agrees = JSON.stringify(nodeCron.fired) === JSON.stringify(cronie);
    if (!agrees) wrong += 1;
    console.log(`\n${night}, ${wall(from)} to ${wall(to)}:`);
    console.log(`  cronie                 ${show(cronie)}`);
    console.log(`  nightshift (due-times) ${show(nightshift)}`);
    console.log(
      `  node-cron 4.6.0 ran    ${show(nodeCron.fired)}` +
        `${nodeCron.missed.length ? `; missed ${show(nodeCron.missed)}` : ''}; ` +
        `next ${nodeCron.next ? show([nodeCron.next]) : '—'}${agrees ? '' : '   ← not what cron does'}`,
    );
  }
  console.log(`\nnode-cron differs from cronie on ${wrong} of ${Object.keys(NIGHTS).length} nights.`);
}
