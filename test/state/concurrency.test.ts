import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changeRecordSchema } from '../../src/journal/records.js';
import type { ChangeRecord } from '../../src/journal/records.js';
import { defaultAgentEntry, defaultState, readState } from '../../src/state/index.js';
import type { AgentEntry, GlobalStop, OperatorState } from '../../src/state/index.js';
import { homePaths } from '../../src/home/paths.js';
import { transpileForNode } from './support/transpile.js';

const run = promisify(execFile);
const REPO = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const TOGGLER = fileURLToPath(new URL('./support/toggler.mjs', import.meta.url));
const PROCESSES = 8;
const TOGGLES = 50;
const SHARED = 'shared-agent';

interface Outcome {
  applied: number;
  noop: Array<{ action: string; reason: string; noop: string }>;
}
interface Outcomes {
  own: Outcome;
  shared: Outcome;
}

/** Independent of src/state on purpose: a bug there must not be replayed into agreement. */
function replay(records: ChangeRecord[]): OperatorState {
  const state = defaultState();
  for (const record of records) {
    if (record.agent === null) state.global = record.after as GlobalStop;
    else state.agents[record.agent] = record.after as AgentEntry;
  }
  return state;
}

let work: string;
let build: string;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'nightshift-state-concurrency-'));
  build = join(work, 'build');
  await transpileForNode(REPO, 'src/state/index.ts', build);
}, 60_000);
afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

describe('8 processes changing state at once', () => {
  it("lose no update: the journal is complete, every line parses, each agent's records chain, and replaying it gives state.json", async () => {
    const home = join(work, 'home');
    await run('mkdir', ['-p', home]);
    const started = Date.now();
    const outputs = await Promise.all(
      Array.from({ length: PROCESSES }, (_, i) =>
        run(process.execPath, [TOGGLER, build, home, String(i), String(TOGGLES), `agent-${i}`, SHARED], {
          timeout: 90_000,
        }),
      ),
    );
    const elapsed = Date.now() - started;
    const outcomes = outputs.map(({ stdout }) => JSON.parse(stdout) as Outcomes);

    // Each process alone touches its own agent, so all its toggles apply; only the shared agent can see no-ops.
    for (const o of outcomes) {
      expect(o.own).toEqual({ applied: TOGGLES / 2, noop: [] });
      expect(o.shared.applied + o.shared.noop.length).toBe(TOGGLES / 2);
      for (const n of o.shared.noop) expect(n.noop).toBe(n.action === 'pause' ? 'already-paused' : 'not-paused');
    }
    const noops = outcomes.reduce((sum, o) => sum + o.shared.noop.length, 0);

    const lines = (await readFile(homePaths(home).changesJournal, 'utf8')).split('\n');
    expect(lines.pop()).toBe(''); // ends with a newline, no torn last line
    expect(lines).toHaveLength(PROCESSES * TOGGLES - noops);
    const records = lines.map((line) => changeRecordSchema.parse(JSON.parse(line)));

    // Serialized means each record starts from the state the previous record for that agent left.
    const last = new Map<string, unknown>();
    for (const record of records) {
      const agent = record.agent as string;
      expect(record.before, `${record.reason}: before must equal the last after of ${agent}`).toEqual(
        last.get(agent) ?? defaultAgentEntry(),
      );
      last.set(agent, record.after);
    }
    for (let i = 0; i < PROCESSES; i++) {
      const own = records.filter((r) => r.agent === `agent-${i}`).map((r) => r.reason);
      expect(own).toEqual(Array.from({ length: TOGGLES / 2 }, (_, k) => `p${i}-${2 * k}`)); // in order, none missing
    }

    const state = await readState(homePaths(home));
    expect(replay(records)).toEqual(state);
    for (let i = 0; i < PROCESSES; i++)
      expect(state.agents[`agent-${i}`]).toMatchObject({ state: 'paused', reason: `p${i}-${TOGGLES - 2}` });
    console.info(
      `state concurrency: ${PROCESSES} processes x ${TOGGLES} toggles, ${records.length} records, ${noops} no-ops, ${elapsed} ms`,
    );
  }, 120_000);
});
