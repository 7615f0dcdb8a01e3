import { appendFileSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { runRecordSchema, type RunRecord } from '../../../src/journal/records.js';
import { badLine, lineFor, makeRun, seeded } from './random-runs.js';

/**
 * Journals of random runs on disk. Runs end in roughly increasing time, as a
 * real trail does, with stragglers, ties, bad lines and non-canonical lines.
 */
export class JournalWriter {
  private readonly random: () => number;
  private clock: number;

  constructor(
    readonly logsDir: string,
    seed: number,
    start = Date.UTC(2025, 9, 20),
  ) {
    this.random = seeded(seed);
    this.clock = start;
  }

  /** The next run, ending a little after the previous one (sometimes before it, sometimes at the same ms). */
  nextRun(overrides: Partial<RunRecord> = {}): RunRecord {
    const random = this.random;
    const roll = random();
    const step = roll < 0.1 ? 0 : Math.floor(random() * 3 * 3_600_000);
    this.clock += step;
    const ended = roll > 0.97 ? this.clock - Math.floor(random() * 86_400_000) : this.clock;
    return runRecordSchema.parse(makeRun(random, { ended_at: new Date(ended).toISOString(), ...overrides }));
  }

  /** `count` lines: mostly runs, some bad, some written by other tools. */
  lines(count: number, badRate = 0.03): string[] {
    return Array.from({ length: count }, () =>
      this.random() < badRate ? badLine(this.random) : lineFor(this.random, this.nextRun()),
    );
  }

  path(name: string): string {
    return join(this.logsDir, name);
  }

  write(name: string, lines: readonly string[], terminated = true): void {
    mkdirSync(dirname(this.path(name)), { recursive: true });
    const text = lines.join('\n') + (terminated && lines.length > 0 ? '\n' : '');
    writeFileSync(this.path(name), name.endsWith('.gz') ? gzipSync(text) : text);
  }

  append(name: string, text: string): void {
    appendFileSync(this.path(name), text);
  }

  /** Replaces a journal the way a careful tool does: a new file renamed over the old one. */
  replace(name: string, text: string): void {
    const temp = `${this.path(name)}.tmp`;
    writeFileSync(temp, text);
    renameSync(temp, this.path(name));
  }
}
