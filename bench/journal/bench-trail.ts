/**
 * Times the run trail on a big home (make-big-home.ts), each figure the median
 * of 5 fresh processes:
 *   cold         no index: the first `status` after an upgrade or a lost cache
 *   warm         index up to date: every `status`, `check`, `costs`
 *   incremental  1,000 runs appended since the index was written
 *   refresh      in one process (the console): refresh() after 1,000 appends
 *
 *   node bench/journal/build.mjs
 *   node bench/journal/.build/bench/journal/bench-trail.js <home> [repeats=5]
 */
import { execFileSync } from 'node:child_process';
import { appendFileSync, rmSync, statSync, truncateSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openRunTrail } from '../../src/journal/index.js';
import { makeProfiles, makeRecord, mulberry32 } from './make-big-home.js';

interface Sample {
  openMs: number;
  totalMs: number;
  cpuMs: number;
  peakRssMb: number;
  runs: number;
}

const [home, repeatsText = '5'] = process.argv.slice(2);
if (home === undefined) {
  console.error('usage: bench-trail.js <home> [repeats=5]');
  process.exit(2);
}
const repeats = Number(repeatsText);
const logs = join(home, 'logs');
const journal = join(logs, 'runs.jsonl');
const probe = fileURLToPath(new URL('./open-trail.js', import.meta.url));

function measure(): Sample {
  return JSON.parse(execFileSync(process.execPath, [probe, logs], { encoding: 'utf8' })) as Sample;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

const random = mulberry32(7);
const profiles = makeProfiles(mulberry32(42));
let clock = Date.parse('2026-04-18T22:00:00.000Z');
let seq = 0;
function appendRuns(count: number): void {
  const lines: string[] = [];
  for (let i = 0; i < count; i++) {
    const profile = profiles[i % profiles.length] as (typeof profiles)[number];
    clock += 60_000;
    lines.push(
      JSON.stringify(
        makeRecord(random, profile, { nextDue: 0, incident: 0, incidentStatus: 'ERROR', paused: 0 }, clock, seq++),
      ),
    );
  }
  appendFileSync(journal, `${lines.join('\n')}\n`);
}

function report(name: string, samples: Sample[]): void {
  const pick = (key: keyof Sample): number => median(samples.map((s) => s[key]));
  console.log(
    `${name.padEnd(12)} open ${String(pick('openMs')).padStart(5)} ms  (with status ` +
      `queries ${String(pick('totalMs')).padStart(5)} ms, cpu ${String(pick('cpuMs')).padStart(5)} ms)  peak ` +
      `RSS ${pick('peakRssMb')} MB  [${samples.map((s) => s.openMs).join(', ')}]`,
  );
}

const originalSize = statSync(journal).size;
console.log(`${journal}: ${(originalSize / 1e6).toFixed(0)} MB`);
try {
  const cold: Sample[] = [];
  for (let i = 0; i < repeats; i++) {
    rmSync(join(logs, '.index'), { recursive: true, force: true });
    cold.push(measure());
  }
  report('cold', cold);
  console.log(`             ${cold[0]?.runs} runs indexed`);

  const warm: Sample[] = [];
  for (let i = 0; i < repeats; i++) warm.push(measure());
  report('warm', warm);

  const incremental: Sample[] = [];
  for (let i = 0; i < repeats; i++) {
    appendRuns(1000);
    incremental.push(measure());
  }
  report('incremental', incremental);

  const trail = await openRunTrail(logs, { timezone: 'Europe/Berlin' });
  const refreshMs: number[] = [];
  for (let i = 0; i < repeats; i++) {
    appendRuns(1000);
    const started = performance.now();
    const result = await trail.refresh();
    refreshMs.push(performance.now() - started);
    if (result.files.some((file) => file.action === 'rebuilt')) throw new Error('refresh rebuilt instead of appending');
  }
  console.log(
    `refresh      ${median(refreshMs).toFixed(0)} ms after 1,000 appended runs (in-process, the console's ` +
      `case)  [${refreshMs.map((ms) => ms.toFixed(0)).join(', ')}]`,
  );
} finally {
  // leave the home as it was made, so runs compare
  truncateSync(journal, originalSize);
  rmSync(join(logs, '.index'), { recursive: true, force: true });
}
