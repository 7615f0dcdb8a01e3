import { mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { type Home, openHome } from '../../../src/home/index.js';
import { type RunRecord, runRecordSchema } from '../../../src/journal/records.js';

/** A real home in a temp folder, as `nightshift init` lays it out, with agents written by the test. */
export interface TestHome {
  root: string;
  open(): Promise<Home>;
  writeAgent(name: string, front: Record<string, unknown>, body?: string): Promise<string>;
  writeFile(relative: string, content: string | Buffer): Promise<string>;
  records(): Promise<RunRecord[]>;
  rawRecordLines(): Promise<string[]>;
  remove(): Promise<void>;
}

export const DEFAULT_PROMPT = `You summarize the day.

Output format:
Day summary ({date}):
- [first bullet]
STATUS: OK
END_OF_RUN

Stop conditions:
- If the log is empty or missing, output:
Day summary ({date}): (no activity logged)
STATUS: EMPTY
END_OF_RUN
`;

export async function makeHome(config = ''): Promise<TestHome> {
  const root = await mkdtemp(join(tmpdir(), 'ns-harness-'));
  for (const dir of ['agents', 'outputs', 'logs', 'run']) await mkdir(join(root, dir), { recursive: true });
  await writeFile(join(root, 'nightshift.yaml'), config || 'timezone: UTC\nharness:\n  kill_grace: 1s\n');
  const self: TestHome = {
    root,
    open: () => openHome(root, {}),
    async writeAgent(name, front, body = DEFAULT_PROMPT) {
      const file = join(root, 'agents', `${name}.md`);
      await writeFile(file, `---\n${stringify({ name, description: `test agent ${name}`, ...front })}---\n${body}`);
      return file;
    },
    async writeFile(relative, content) {
      const file = join(root, relative);
      await mkdir(join(file, '..'), { recursive: true });
      await writeFile(file, content);
      return file;
    },
    async rawRecordLines() {
      try {
        return (await readFile(join(root, 'logs', 'runs.jsonl'), 'utf8')).split('\n').filter((line) => line.length > 0);
      } catch {
        return [];
      }
    },
    async records() {
      return (await self.rawRecordLines()).map((line) => runRecordSchema.parse(JSON.parse(line)));
    },
    remove: () => rm(root, { recursive: true, force: true }),
  };
  return self;
}

/** A `command` agent running `node -e <script>`. */
export function nodeAgent(script: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { runner: { kind: 'command', command: [process.execPath, '-e', script] }, ...extra };
}

/** Every key of the record is present with the right type: the schema, plus no key left out (zod strips unknowns, so check the raw line too). */
export function expectCompleteRecord(line: string): RunRecord {
  const raw = JSON.parse(line) as Record<string, unknown>;
  const record = runRecordSchema.parse(raw);
  const keys = Object.keys(runRecordSchema.shape);
  for (const key of keys) if (!(key in raw)) throw new Error(`record lacks ${key}: ${line}`);
  return record;
}
