#!/usr/bin/env node
/**
 * Why nightshift formats times by hand and not with date-fns (issue 13,
 * point 5; README "Built on"): each hand-written format next to the closest
 * date-fns 4.4.0 call, on the same inputs.
 *
 *   node bench/time/date-fns.mjs
 *
 * - relative times ("5m ago", "in 3h": status's WHEN and NEXT columns, the
 *   console, review) against formatDistanceStrict and formatDistance with
 *   addSuffix;
 * - run durations ("4m12s") against formatDuration(intervalToDuration());
 * - wall times in the home's zone ("2027-03-28 02:30 America/New_York": alerts,
 *   history, logs) against format(), which reads the process's zone. The
 *   process runs in Europe/Berlin here, the home in New York: format() of the
 *   instant gives Berlin's time, and format() of a Date built from the home's
 *   wall fields (the usual way round that) moves a wall time that falls in
 *   Berlin's spring-forward gap.
 *
 * date-fns is installed on first use into bench/.work/outside: it is not a
 * dependency of nightshift.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { outsidePackage } from '../support.mjs';

process.env.TZ = 'Europe/Berlin'; // the process's zone; the home's is HOME_ZONE
const HOME_ZONE = 'America/New_York';
const root = fileURLToPath(new URL('../..', import.meta.url));
const dateFns = await import(outsidePackage('date-fns', '4.4.0'));

mkdirSync(join(root, 'bench', '.work'), { recursive: true });
const out = join(root, 'bench', '.work', 'time-formats.mjs');
await build({
  absWorkingDir: root,
  stdin: {
    contents: `
      export { relativeTime, runDuration } from './src/fleet/format.js';
      export { formatWall } from './src/alerts/rules/wall-time.js';
      export { wallTime } from './src/time/index.js';`,
    resolveDir: root,
    loader: 'ts',
  },
  outfile: out,
  bundle: true,
  packages: 'external',
  format: 'esm',
  platform: 'node',
  target: 'node20',
  logLevel: 'error',
});
const { relativeTime, runDuration, formatWall, wallTime } = await import(pathToFileURL(out).href);

const now = new Date('2027-03-28T12:00:00Z');
const S = 1000;
const M = 60 * S;
const H = 60 * M;
const D = 24 * H;
const spans = [
  -3 * S,
  -42 * S,
  -90 * S,
  -5 * M,
  -45 * M,
  -90 * M,
  -5 * H,
  -26 * H,
  -36 * H,
  -3 * D,
  -10 * D,
  -20 * D,
  -60 * D,
  5 * M,
  3 * H,
  30 * H,
];

function table(title, rows) {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((row) => row[i].length)));
  console.log(`\n${title}`);
  for (const row of rows)
    console.log(
      `  ${row
        .map((cell, i) => cell.padEnd(widths[i]))
        .join('  ')
        .trimEnd()}`,
    );
}

// relative times
const relative = [['span', 'nightshift', 'formatDistanceStrict', 'formatDistance']];
let relativeDiffer = 0;
for (const span of spans) {
  const at = new Date(now.getTime() + span);
  const ours = relativeTime(at.toISOString(), now);
  const strict = dateFns.formatDistanceStrict(at, now, { addSuffix: true });
  const loose = dateFns.formatDistance(at, now, { addSuffix: true });
  if (ours !== strict && ours !== loose) relativeDiffer += 1;
  relative.push([`${span / 1000}s`, ours, strict, loose]);
}
table('Relative times (status WHEN/NEXT, console, review):', relative);
const widest = (i) => Math.max(...relative.slice(1).map((row) => row[i].length));
console.log(
  `  differ on ${relativeDiffer} of ${spans.length}; widest cell: nightshift ${widest(1)}, ` +
    `formatDistanceStrict ${widest(2)}, formatDistance ${widest(3)} characters`,
);

// durations
const durations = [['ms', 'nightshift', 'formatDuration(intervalToDuration)']];
let durationDiffer = 0;
for (const ms of [850, 42_000, 252_000, 3_780_000]) {
  const ours = runDuration(ms);
  const theirs = dateFns.formatDuration(dateFns.intervalToDuration({ start: 0, end: ms })) || '(empty)';
  if (ours !== theirs) durationDiffer += 1;
  durations.push([String(ms), ours, theirs]);
}
table('Run durations (status, logs, console):', durations);
console.log(`  differ on ${durationDiffer} of ${durations.length - 1}`);

// wall times in the home's zone
const walls = [['instant', `nightshift (${HOME_ZONE})`, 'format(instant)', 'format(Date from wall fields)']];
let wallWrong = 0;
for (const iso of ['2027-03-28T06:30:00Z', '2027-03-28T07:30:00Z', '2027-11-07T05:30:00Z']) {
  const at = Date.parse(iso);
  const ours = formatWall(at, HOME_ZONE);
  const direct = `${dateFns.format(at, 'yyyy-MM-dd HH:mm')} ${HOME_ZONE}`;
  const w = wallTime(at, HOME_ZONE);
  const fromFields = `${dateFns.format(new Date(w.year, w.month - 1, w.day, w.hour, w.minute), 'yyyy-MM-dd HH:mm')} ${HOME_ZONE}`;
  if (fromFields !== ours) wallWrong += 1;
  walls.push([iso, ours, direct, fromFields]);
}
table(`Wall times (alerts, history, logs), process zone ${process.env.TZ}:`, walls);
console.log(
  `  format() of the instant is Berlin's time on every line; from the wall fields, ${wallWrong} ` +
    `of ${walls.length - 1} moved (a New York wall time inside Berlin's skipped hour)`,
);
