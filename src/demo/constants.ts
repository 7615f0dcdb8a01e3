import { VERSION } from '../shared/version.js';

/**
 * The fixed point the demo home is generated around. A fixed seed and a fixed
 * "now" make `npm run fixtures` byte-for-byte repeatable, so a diff of
 * fixtures/demo-home only ever shows a deliberate change.
 */
export const DEMO_SEED = 20261123;

/** Monday 2026-11-23, 08:30 in Berlin: the Monday-morning review ritual is about to start. */
export const DEMO_NOW = new Date('2026-11-23T07:30:00.000Z');

export const DEMO_TIMEZONE = 'Europe/Berlin';
export const DEMO_HOST = 'demo-host';
export const DEMO_VERSION = VERSION;

/** How far back logs/runs.jsonl reaches. */
export const HISTORY_DAYS = 90;

export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

/** The people who own agents and make changes; a small team, so a couple of names recur everywhere. */
export const OPERATORS = { aycee: 'aycee', sam: 'sam', jo: 'jo' } as const;

/** Folders of DESIGN §1 that exist even when empty (git drops empty folders, so the copy re-creates them). */
export const HOME_DIRS = ['agents', 'evals', 'outputs', 'logs', 'runbooks', 'scripts', 'run', 'samples'] as const;

/** Alert channels every event reached: the journal itself and the `notify.command` of nightshift.yaml. */
export const ALERT_CHANNELS = [
  { channel: 'log', ok: true },
  { channel: 'command', ok: true },
] as const;

/** nightshift.yaml's alerts.realert: an open alert is sent again at most this often. */
export const REALERT_MS = 8 * HOUR_MS;
