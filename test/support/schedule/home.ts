import { mkdir, mkdtemp, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { type Home, openHome } from '../../../src/home/index.js';
import {
  type AlertEvent,
  alertEventSchema,
  type ChangeRecord,
  changeRecordSchema,
  type RunRecord,
} from '../../../src/journal/index.js';
import { makeRunRecord } from '../run-record.js';

/** A real home in a temp folder, with agent files, runs and config written by the test. */
export interface ScheduleHome {
  root: string;
  open(): Promise<Home>;
  writeAgent(name: string, front: Record<string, unknown>, options?: { mtime?: Date; body?: string }): Promise<string>;
  writeRaw(relative: string, text: string): Promise<string>;
  appendRuns(runs: RunRecord[]): Promise<void>;
  alerts(): Promise<AlertEvent[]>;
  changes(): Promise<ChangeRecord[]>;
  remove(): Promise<void>;
}

export const PROMPT = 'Say hello.\nEnd with STATUS: OK then END_OF_RUN.\n';

export async function makeScheduleHome(config = 'timezone: UTC\nharness:\n  kill_grace: 1s\n'): Promise<ScheduleHome> {
  const root = await mkdtemp(join(tmpdir(), 'ns-schedule-'));
  for (const dir of ['agents', 'outputs', 'logs', 'run', 'scripts']) await mkdir(join(root, dir), { recursive: true });
  await writeFile(join(root, 'nightshift.yaml'), config);
  const lines = async (file: string) =>
    (await readFile(join(root, 'logs', file), 'utf8').catch(() => '')).split('\n').filter((l) => l.length > 0);
  return {
    root,
    open: () => openHome(root, {}),
    async writeAgent(name, front, options = {}) {
      const file = join(root, 'agents', `${name}.md`);
      await writeFile(
        file,
        `---\n${stringify({ name, description: `test agent ${name}`, ...front })}---\n${options.body ?? PROMPT}`,
      );
      if (options.mtime) await utimes(file, options.mtime, options.mtime);
      return file;
    },
    async writeRaw(relative, text) {
      const file = join(root, relative);
      await mkdir(join(file, '..'), { recursive: true });
      await writeFile(file, text);
      return file;
    },
    async appendRuns(runs) {
      await writeFile(join(root, 'logs', 'runs.jsonl'), runs.map((run) => `${JSON.stringify(run)}\n`).join(''), {
        flag: 'a',
      });
    },
    alerts: async () => (await lines('alerts.jsonl')).map((line) => alertEventSchema.parse(JSON.parse(line))),
    changes: async () => (await lines('changes.jsonl')).map((line) => changeRecordSchema.parse(JSON.parse(line))),
    remove: () => rm(root, { recursive: true, force: true }),
  };
}

let seq = 0;

/** A complete run record; `at` is the start, the run takes `durationMs`. */
export function runRecord(
  agent: string,
  at: Date | string,
  fields: Partial<RunRecord> & { durationMs?: number } = {},
): RunRecord {
  const started = new Date(at);
  const { durationMs = 1000, ...rest } = fields;
  seq++;
  return makeRunRecord({
    run_id: `00000000-0000-4000-8000-${String(seq).padStart(12, '0')}`,
    agent,
    started_at: started.toISOString(),
    ended_at: new Date(started.getTime() + durationMs).toISOString(),
    duration_ms: durationMs,
    output_size_bytes: 500,
    llm_calls: 1,
    tokens: { input: 100, output: 50 },
    cost_usd: 0.01,
    ...rest,
  });
}
