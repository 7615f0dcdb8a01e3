import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stringify } from 'yaml';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { type RunRecord, runRecordSchema } from '../../src/journal/records.js';
import { DEFAULT_PROMPT, expectCompleteRecord } from '../harness/support/home.js';
import {
  DEFAULT_FINAL_TEXT,
  type MockScenario,
  type MockServer,
  startMockServer,
} from '../support/mock-model-server.js';
import { isRunning, killPids, pidsOfRun, pidsWithEnv, waitFor } from '../support/procs.js';
import { installRealClaude, type RealClaude, REAL_CLAUDE_VERSION, realClaudeEnv } from '../support/real-claude.js';

/**
 * The REAL Claude Code 2.1.330 run the way an operator or cron runs it: the
 * BUILT CLI, `node bin/nightshift.js --home H run <agent> --json`, on a home
 * made by `nightshift init`, with the CLI pointed at the mock model server on
 * 127.0.0.1 through ANTHROPIC_BASE_URL. Each run is judged by what it leaves
 * behind: the exit code, the one new line of logs/runs.jsonl, the output file,
 * the alerts, the lock, and the process table (/proc).
 */
const BIN = fileURLToPath(new URL('../../bin/nightshift.js', import.meta.url));
const DIST = fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url));
const MODEL = 'claude-sonnet-4-5';
/** kill_grace in the nightshift.yaml that `init` writes */
const KILL_GRACE_MS = 3000;
/** a line only the input file holds: seeing it in a request proves the CLI's Read tool read the file */
const MARKER = '16:40 - e2e marker 7f3a: rotated the staging certificates';
const INPUT_TEXT = `09:15 - Deployed v1.42 to production\n13:00 - Lunch\n16:00 - Paired on the payments rounding bug\n${MARKER}\n`;
const INPUT_REL = 'inputs/daily-log.txt';
/** claude's exit code when the harness ended it: SIGTERM → 143; SIGKILL after the grace → 137, or none */
const ENDED_BY_SIGNAL = [143, 137, null];

let claude: RealClaude;
let server: MockServer;
const dir = mkdtempSync(join(tmpdir(), 'ns-run-real-claude-'));
/** the nightshift home (H) */
const root = join(dir, 'home');
/** the private HOME the CLI and claude see (claude keeps its settings under ~/.claude) */
const userHome = join(dir, 'user');
/** CLI processes started by this file, for cleanup after a failure */
const started = new Set<number>();

interface Ran {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  ms: number;
}

/**
 * The built CLI with exactly `env` (not merged into this process's
 * environment, unlike the helper in test/governance: nothing of the test
 * runner's own ANTHROPIC_ / CLAUDE_ / NIGHTSHIFT_ variables may reach the run).
 */
function cli(args: string[], env: NodeJS.ProcessEnv): Promise<Ran> {
  return new Promise((resolve, reject) => {
    const begun = Date.now();
    const child = spawn(process.execPath, [BIN, ...args], {
      env: { ...env, NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    if (child.pid) started.add(child.pid);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('error', reject);
    child.once('close', (code, signal) => {
      if (child.pid) started.delete(child.pid);
      resolve({ code, signal, stdout, stderr, ms: Date.now() - begun });
    });
  });
}

function recordLines(): string[] {
  const file = join(root, 'logs', 'runs.jsonl');
  return existsSync(file)
    ? readFileSync(file, 'utf8')
        .split('\n')
        .filter((line) => line.length > 0)
    : [];
}

async function openAlertsOf(agent: string): Promise<Array<{ rule: string; event: string }>> {
  const file = join(root, 'logs', 'alerts.jsonl');
  if (!existsSync(file)) return [];
  const events = (await readFile(file, 'utf8'))
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as { rule: string; agent: string | null; event: string });
  return events.filter((e) => e.agent === agent && e.event === 'open').map(({ rule, event }) => ({ rule, event }));
}

interface Scenario {
  agent: string;
  mock: MockScenario;
  limits: Record<string, unknown>;
  runner?: Record<string, unknown>;
  exitCode: number;
  /** the agent's prompt (default: DEFAULT_PROMPT) */
  body?: string;
  /** runs alongside the CLI, from its start */
  during?: () => Promise<void>;
}

/**
 * Writes agents/<agent>.md (a claude agent on the real binary), runs it
 * through the built CLI, and checks what every run must leave behind whatever
 * its status: one new complete record equal to what --json printed, the
 * exit code for its status, nothing of the run left running, the lock gone.
 */
async function runThroughCli(s: Scenario): Promise<{ ran: Ran; record: RunRecord; requests: MockServer['requests'] }> {
  const front = {
    name: s.agent,
    description: `real claude e2e: ${s.mock}`,
    tools: 'Read',
    input: { path: INPUT_REL, max_bytes: '100KB' },
    runner: { kind: 'claude', executable: claude.bin, model: MODEL, ...s.runner },
    limits: s.limits,
    output: { expect: { bullets: 3 } },
  };
  await writeFile(join(root, 'agents', `${s.agent}.md`), `---\n${stringify(front)}---\n${s.body ?? DEFAULT_PROMPT}`);
  const before = recordLines();
  server.reset();
  const env = realClaudeEnv({ home: userHome, baseUrl: server.anthropicBaseUrl(s.mock) });
  const [ran] = await Promise.all([cli(['--home', root, 'run', s.agent, '--json'], env), s.during?.()]);
  const requests = server.requests.filter((r) => r.api === 'anthropic');
  if (process.env.NIGHTSHIFT_E2E_VERBOSE) {
    console.log(
      JSON.stringify(
        {
          agent: s.agent,
          ms: ran.ms,
          code: ran.code,
          stderr: ran.stderr.slice(-500),
          record: ran.stdout.trim(),
          requests: requests.length,
        },
        null,
        1,
      ),
    );
  }

  expect(ran.signal).toBeNull();
  expect(ran.stderr).toBe('');
  const after = recordLines();
  expect(after.slice(0, before.length)).toEqual(before);
  expect(after).toHaveLength(before.length + 1);
  const record = expectCompleteRecord(after.at(-1)!);
  // --json prints exactly the record that was appended, and nothing else
  expect(runRecordSchema.parse(JSON.parse(ran.stdout))).toEqual(record);
  expect(ran.code).toBe(s.exitCode);
  expect(record).toMatchObject({
    agent: s.agent,
    trigger: 'manual',
    runner: 'claude',
    model: MODEL,
    input_file: join(root, INPUT_REL),
    input_size_bytes: Buffer.byteLength(INPUT_TEXT),
  });
  expect(Date.parse(record.ended_at) - Date.parse(record.started_at)).toBe(record.duration_ms);

  // Nothing of the run outlives `nightshift run`: not claude, not a tool it started.
  expect(pidsOfRun(record.run_id)).toEqual([]);
  expect(pidsWithEnv('NIGHTSHIFT_HOME', root)).toEqual([]);
  // The lock is released: run/ holds nothing of this agent (no <agent>.lock, no <agent>.kill
  // marker); the home's own files there (agents.cache.json, state.lock, …) are not a run's.
  expect(existsSync(join(root, 'run', `${s.agent}.lock`))).toBe(false);
  expect((await readdir(join(root, 'run'))).filter((name) => name.startsWith(`${s.agent}.`))).toEqual([]);
  return { ran, record, requests };
}

type LockView = { run_id: string; pid: number; runner_pid: number | null };

/** run/<agent>.lock as it is now; null while absent (or caught mid-write) */
function lockOf(agent: string): LockView | null {
  try {
    return JSON.parse(readFileSync(join(root, 'run', `${agent}.lock`), 'utf8')) as LockView;
  } catch {
    return null;
  }
}

/** What an output folder holds: published outputs, and temp files a failed publish would leave. */
function outputsOf(agent: string): string[] {
  const folder = join(root, 'outputs', agent);
  return existsSync(folder) ? readdirSync(folder) : [];
}

beforeAll(async () => {
  if (!existsSync(DIST))
    throw new Error('dist/ is missing: these tests drive the built CLI; run `npm run build` first');
  claude = await installRealClaude();
  // the Read the mock asks for: the input file (its own guess, the first absolute path of the
  // first user message, would be the working directory the real CLI names in a system reminder)
  server = await startMockServer({ readPath: join(root, INPUT_REL) });
  const init = await cli(
    ['--home', root, 'init', '--timezone', 'UTC', '--owner', 'e2e'],
    realClaudeEnv({ home: userHome, baseUrl: server.anthropicBaseUrl() }),
  );
  expect(init.code, init.stderr).toBe(0);
  await mkdir(join(root, 'inputs'), { recursive: true });
  await writeFile(join(root, INPUT_REL), INPUT_TEXT);
});

afterEach(() => {
  // only after a failure is anything left; never by name, only these pids
  killPids([...started]);
  killPids(pidsWithEnv('NIGHTSHIFT_HOME', root));
});

afterAll(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe(`nightshift run (built CLI) with the real claude ${REAL_CLAUDE_VERSION}`, () => {
  test(
    'normal: OK, exit 0, the answer published under outputs/, calls and cost from the stream and the result line',
    { timeout: 180_000 },
    async () => {
      const { record, requests } = await runThroughCli({
        agent: 'e2e-normal',
        mock: 'normal',
        limits: { calls: 5, time: '3m' },
        exitCode: 0,
      });
      expect(record).toMatchObject({
        status: 'OK',
        reason: null,
        limit_hit: null,
        exit_code: 0,
        llm_calls: 2,
        tool_calls: ['Read'],
        cost_basis: 'reported',
      });
      // two mock calls of 1200 in / 300 cache-write / 5000 cache-read / 57 out on claude-sonnet-4-5:
      // the result line's total_cost_usd (the CLI's list price), not a figure of nightshift's own
      expect(record.cost_usd).toBeCloseTo(0.01416, 8);
      expect(record.tokens).toEqual({ input: 2400, output: 114, cache_read: 10_000, cache_write: 600 });

      expect(record.output_file).toMatch(/^outputs\/e2e-normal\/[^/]+\.md$/);
      const output = join(root, record.output_file!);
      expect(readFileSync(output, 'utf8')).toBe(DEFAULT_FINAL_TEXT);
      expect(statSync(output).size).toBe(record.output_size_bytes);
      expect(outputsOf('e2e-normal')).toEqual([record.output_file!.split('/').at(-1)]);

      // what the CLI did on the wire: the agent's prompt as the system prompt, and a real Read of the input
      expect(requests).toHaveLength(2);
      expect(JSON.stringify(requests[0]!.body?.system)).toContain('You summarize the day.');
      expect(JSON.stringify(requests[0]!.body?.messages)).toContain(join(root, INPUT_REL));
      expect(JSON.stringify(requests[1]!.body?.messages)).toContain(MARKER);
      expect(await openAlertsOf('e2e-normal')).toEqual([]);
    },
  );

  test(
    'a 300 KB prompt, over the 128 KB the kernel lets one argument hold (E2BIG before): OK, and claude sent all of it as the system prompt',
    { timeout: 180_000 },
    async () => {
      const end = 'END OF THE REFERENCE MATERIAL 4c1e';
      const body = `${DEFAULT_PROMPT}\n# Reference\n${'09:00 - a line of reference material the agent may consult\n'.repeat(5400)}${end}\n`;
      expect(Buffer.byteLength(body)).toBeGreaterThan(300 * 1024);
      const { record, requests } = await runThroughCli({
        agent: 'e2e-big-prompt',
        mock: 'normal',
        limits: { calls: 5, time: '3m' },
        exitCode: 0,
        body,
      });
      expect(record).toMatchObject({ status: 'OK', exit_code: 0, llm_calls: 2 });
      const system = JSON.stringify(requests[0]!.body?.system);
      expect(system).toContain('You summarize the day.');
      expect(system).toContain(end);
      // the task came on stdin: the first user message names the input file
      expect(JSON.stringify(requests[0]!.body?.messages)).toContain(
        `Your input file is ${join(root, INPUT_REL)}; read nothing else.`,
      );
    },
  );

  test(
    'runaway: the mock asks for a tool forever; claude stops at --max-turns = limits.calls; CALL_LIMIT, exit 4',
    { timeout: 180_000 },
    async () => {
      const { record, requests } = await runThroughCli({
        agent: 'e2e-runaway',
        mock: 'runaway',
        limits: { calls: 3, time: '3m' },
        exitCode: 4,
      });
      expect(record).toMatchObject({
        status: 'CALL_LIMIT',
        limit_hit: { limit: 'calls', max: 3, observed: 3 },
        output_file: null,
        output_size_bytes: 0,
        llm_calls: 3,
      });
      expect(record.tool_calls.length).toBeGreaterThanOrEqual(2);
      expect(new Set(record.tool_calls)).toEqual(new Set(['Read']));
      expect(record.cost_usd).toBeGreaterThan(0);
      expect(requests).toHaveLength(3);
      expect(outputsOf('e2e-runaway')).toEqual([]);
      expect(await openAlertsOf('e2e-runaway')).toContainEqual({ rule: 'non_ok', event: 'open' });
    },
  );

  test(
    "runaway past claude's own guard (max_turns 50): the harness ends it after the 4th call; CALL_LIMIT, exit 4",
    { timeout: 180_000 },
    async () => {
      const { record, ran } = await runThroughCli({
        agent: 'e2e-runaway-unguarded',
        mock: 'runaway',
        runner: { max_turns: 50 },
        limits: { calls: 3, time: '3m' },
        exitCode: 4,
      });
      expect(record).toMatchObject({
        status: 'CALL_LIMIT',
        limit_hit: { limit: 'calls', max: 3 },
        output_file: null,
        output_size_bytes: 0,
      });
      expect(record.limit_hit!.observed).toBeGreaterThanOrEqual(4);
      expect(record.llm_calls).toBeGreaterThanOrEqual(4);
      expect(record.llm_calls).toBeLessThan(50);
      expect(record.tool_calls.length).toBeGreaterThanOrEqual(3);
      expect(record.cost_usd).toBeGreaterThan(0);
      // ended by the harness's SIGTERM (143; SIGKILL after the grace: 137 or none), not by claude itself (1, with a result)
      expect(ENDED_BY_SIGNAL).toContain(record.exit_code);
      // no result line: the cost is nightshift's estimate from the streamed usage and its price table
      expect(record.cost_basis).toBe('table');
      // …priced with each call's final output count (57 from the mock; --include-partial-messages),
      // not the 1 an assistant line carries; the call in flight when killed may lack it
      expect(record.tokens.output).toBeGreaterThanOrEqual(57 * (record.llm_calls - 1));
      expect(record.cost_usd).toBeGreaterThanOrEqual(0.00708 * (record.llm_calls - 1) - 1e-9);
      expect(ran.ms).toBeLessThan(60_000);
      expect(outputsOf('e2e-runaway-unguarded')).toEqual([]);
    },
  );

  test(
    'hang: the mock never answers; TIMEOUT at limits.time, exit 4, the hung request hung up',
    { timeout: 180_000 },
    async () => {
      const timeMs = 5000;
      // while it hangs: the lock names the CLI as the harness, and /proc shows the run's processes
      // carrying its run id (so the "nothing left" checks below are not vacuous)
      let lock: LockView | null = null;
      let running: number[] = [];
      let harness: number[] = [];
      const during = async (): Promise<void> => {
        expect(await waitFor(() => (lock = lockOf('e2e-hang'))?.runner_pid != null, 60_000)).toBe(true);
        harness = [...started];
        expect(await waitFor(() => (running = pidsOfRun(lock!.run_id)).length > 0, 30_000)).toBe(true);
      };
      const { record, requests } = await runThroughCli({
        agent: 'e2e-hang',
        mock: 'hang',
        limits: { calls: 5, time: '5s' },
        exitCode: 4,
        during,
      });
      expect(lock!.run_id).toBe(record.run_id);
      expect(harness).toEqual([lock!.pid]);
      expect(running).toContain(lock!.runner_pid);
      expect(running.filter(isRunning)).toEqual([]);
      expect(record).toMatchObject({
        status: 'TIMEOUT',
        limit_hit: { limit: 'time', max: timeMs },
        output_file: null,
        llm_calls: 0,
        tool_calls: [],
        cost_usd: 0,
      });
      expect(record.limit_hit!.observed).toBeGreaterThanOrEqual(timeMs);
      expect(ENDED_BY_SIGNAL).toContain(record.exit_code);
      expect(record.duration_ms).toBeGreaterThanOrEqual(timeMs);
      // SIGTERM, at most the kill grace, then SIGKILL; generous slack for a busy machine
      expect(record.duration_ms).toBeLessThan(timeMs + KILL_GRACE_MS + 15_000);
      expect(requests.length).toBeGreaterThanOrEqual(1);
      // the CLI was really waiting on the model, and its connection died with it
      expect(requests.every((r) => !r.response.finished)).toBe(true);
      expect(await waitFor(() => requests.every((r) => r.response.clientClosed), 10_000)).toBe(true);
      expect(outputsOf('e2e-hang')).toEqual([]);
      expect(await openAlertsOf('e2e-hang')).toContainEqual({ rule: 'non_ok', event: 'open' });
    },
  );
});
