import { chmodSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DAY_MS, DEMO_NOW, DEMO_TIMEZONE, HOME_DIRS } from './constants.js';
import { HEARTBEAT_AGE_MS } from './home-state.js';
import { dateShifter } from './shift.js';

/**
 * `npm start` opens the console on a copy of fixtures/demo-home. A copy made
 * weeks after the fixture was generated would look dead — last run three
 * weeks ago, the scheduler down, every night missed — so the copy is moved
 * forward by whole days: every date in the journals, state.json, the
 * heartbeat, the outputs (names and contents) and the samples shifts by the
 * same number of days, in local wall-clock time, and the heartbeat is set to
 * a beat just now. fixtures/ is only ever read.
 *
 * The weekday is not preserved: copied on a Thursday, the Monday runs of
 * weekly-metrics appear on Thursdays. Daily agents, alerts, budgets and
 * "this morning" all line up.
 */
export interface CopyResult {
  /** how many days the copy was moved forward (negative: backward) */
  days: number;
  files: number;
}

/** Files whose dates are shifted; everything else (agents, runbooks, scripts, nightshift.yaml) is copied byte for byte. */
function isDated(rel: string): boolean {
  return rel.startsWith('logs/') || rel.startsWith('outputs/') || rel.startsWith('samples/') || rel === 'state.json' || rel === 'run/scheduler.json';
}

/** Output and sample names carry their date, so they move with it. */
function isDatedName(rel: string): boolean {
  return rel.startsWith('outputs/') || rel.startsWith('samples/');
}

export function rebaseDays(now: Date, anchor: Date = DEMO_NOW): number {
  return Math.floor((now.getTime() - anchor.getTime()) / DAY_MS);
}

/**
 * Synchronous file calls on purpose: a thousand small files copy faster one
 * after the other than through the thread pool, and nothing else waits.
 */
export async function copyDemoHome(fixtureDir: string, targetDir: string, now: Date = new Date()): Promise<CopyResult> {
  const days = rebaseDays(now);
  const shift = dateShifter(days, homeTimezone(fixtureDir));
  refuseNonEmpty(targetDir);
  const files = listFiles(fixtureDir);
  const made = new Set<string>();
  const ensureDir = (rel: string) => {
    if (made.has(rel)) return;
    if (rel !== '') ensureDir(parentOf(rel));
    const path = join(targetDir, rel);
    mkdirSync(path, { recursive: true, mode: 0o700 });
    chmodSync(path, 0o700);
    made.add(rel);
  };
  for (const dir of HOME_DIRS) ensureDir(dir);
  for (const { rel, executable } of files) {
    const out = isDatedName(rel) ? shift(rel) : rel;
    ensureDir(parentOf(out));
    const mode = executable ? 0o700 : 0o600;
    // Every file is new (the target was empty), so `mode` applies as given; a umask can only take bits away.
    const target = join(targetDir, out);
    if (isDated(rel)) {
      let text = shift(readFileSync(join(fixtureDir, rel), 'utf8'));
      if (rel === 'run/scheduler.json') text = freshHeartbeat(text, now);
      writeFileSync(target, text, { mode });
    } else {
      writeFileSync(target, readFileSync(join(fixtureDir, rel)), { mode });
    }
  }
  return { days, files: files.length };
}

/** The daemon of the copy beat a moment ago, so the console shows the scheduler up. */
function freshHeartbeat(text: string, now: Date): string {
  const beat = JSON.parse(text) as Record<string, unknown>;
  beat.beat_at = new Date(now.getTime() - HEARTBEAT_AGE_MS).toISOString();
  return `${JSON.stringify(beat, null, 2)}\n`;
}

function homeTimezone(dir: string): string {
  try {
    const match = /^timezone:\s*([\w/+-]+)\s*$/m.exec(readFileSync(join(dir, 'nightshift.yaml'), 'utf8'));
    return match?.[1] ?? DEMO_TIMEZONE;
  } catch {
    return DEMO_TIMEZONE;
  }
}

function listFiles(root: string, rel = ''): Array<{ rel: string; executable: boolean }> {
  const out: Array<{ rel: string; executable: boolean }> = [];
  for (const entry of readdirSync(join(root, rel), { withFileTypes: true })) {
    const path = rel ? `${rel}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...listFiles(root, path));
    // Only scripts/ holds executables; one stat each there, none for the thousand outputs.
    else if (entry.isFile()) out.push({ rel: path, executable: path.startsWith('scripts/') && (statSync(join(root, path)).mode & 0o111) !== 0 });
  }
  return out;
}

function parentOf(rel: string): string {
  const slash = rel.lastIndexOf('/');
  return slash === -1 ? '' : rel.slice(0, slash);
}

function refuseNonEmpty(dir: string): void {
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  if (entries.length > 0) throw new Error(`${dir} is not empty; copyDemoHome only copies into a new or empty folder`);
}
