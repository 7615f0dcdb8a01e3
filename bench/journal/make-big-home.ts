/**
 * Writes a home with 50 agents and a long run history, for the benchmarks of
 * the trail and of `status`, `check` and `costs`:
 *
 *   node bench/journal/build.mjs && node bench/journal/.build/bench/journal/make-big-home.js <dir> [runs=1000000] [seed=42] [end]
 *
 * `end` is when the history stops: an ISO time (default 2026-04-18T22:00Z, the
 * fixed home most benches use) or `now`, for a home whose week is current.
 *
 * Deterministic for a given seed. Records follow runRecordSchema and look like
 * a fleet's: mostly OK, some skips, bursts of failures, limits hit, costs from
 * token counts and prices, ended_at nearly (not strictly) in append order.
 * Streams: memory stays flat whatever the run count.
 */
import { closeSync, mkdirSync, openSync, writeFileSync, writeSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { mulberry32 } from '../../src/shared/prng.js';
import type { RunRecord, RunStatus } from '../../src/journal/records.js';

export { mulberry32 } from '../../src/shared/prng.js';

type Runner = 'claude' | 'openai' | 'anthropic' | 'command' | 'extractive';

interface Profile {
  name: string;
  periodMs: number;
  phaseMs: number;
  runner: Runner;
  model: string | null;
  /** USD per million input and output tokens */
  price: [number, number];
  tools: string[];
  meanDurationMs: number;
  meanOutputBytes: number;
  meanInputBytes: number;
  failRate: number;
  promptSha: string;
  definitionSha: string;
  cron: string;
}

const PREFIXES = [
  'nightly',
  'inbox',
  'pr',
  'deploy',
  'invoice',
  'support',
  'log',
  'metrics',
  'backup',
  'security',
  'release',
  'docs',
  'feed',
  'calendar',
  'expense',
  'crm',
  'ticket',
  'news',
  'sales',
  'uptime',
];
const SUFFIXES = ['summarizer', 'digest', 'triage', 'watcher', 'checker', 'reporter', 'labeler', 'auditor'];
const MINUTE = 60_000;
/** 8 agents every 5 min, 8 every 15, 10 hourly, 10 every 4 h, 14 daily: ~3,400 runs a day */
const PERIODS: Array<[count: number, minutes: number]> = [
  [8, 5],
  [8, 15],
  [10, 60],
  [10, 240],
  [14, 1440],
];
const RUNNERS: Array<[Runner, string | null, [number, number]]> = [
  ['claude', 'claude-haiku-4-5', [1, 5]],
  ['claude', 'claude-sonnet-4-5', [3, 15]],
  ['anthropic', 'claude-haiku-4-5', [1, 5]],
  ['openai', 'gpt-4o-mini', [0.15, 0.6]],
  ['openai', 'llama3.1:8b', [0, 0]],
  ['command', null, [0, 0]],
  ['extractive', null, [0, 0]],
];
const TOOLSETS = [['Read'], ['Read', 'Grep'], ['Read', 'Grep', 'Glob'], ['Read', 'WebFetch'], []];
const FAILURES: RunStatus[] = [
  'ERROR',
  'TIMEOUT',
  'EMPTY',
  'PARTIAL',
  'NO_END',
  'BAD_FORMAT',
  'RUNNER_FAILED',
  'COST_LIMIT',
  'CALL_LIMIT',
  'OUTPUT_LIMIT',
  'TOOL_FAILED',
  'INCOMPLETE',
  'CRASHED',
  'TOO_LARGE',
  'UNEXPECTED_INPUT',
];
const SKIP_REASONS = ['paused', 'budget', 'overlap', 'stopped', 'disabled'];

function hex(random: () => number, length: number): string {
  let out = '';
  while (out.length < length)
    out += Math.floor(random() * 0x100000000)
      .toString(16)
      .padStart(8, '0');
  return out.slice(0, length);
}

function pick<T>(random: () => number, list: readonly T[]): T {
  return list[Math.floor(random() * list.length)] as T;
}

export function makeProfiles(random: () => number): Profile[] {
  const names = new Set<string>();
  while (names.size < 50) names.add(`${pick(random, PREFIXES)}-${pick(random, SUFFIXES)}`);
  const ordered = [...names];
  const profiles: Profile[] = [];
  let n = 0;
  for (const [count, minutes] of PERIODS) {
    for (let i = 0; i < count; i++) {
      const name = ordered[n++] as string;
      const [runner, model, price] = pick(random, RUNNERS);
      const periodMs = minutes * MINUTE;
      // daily agents at a random hour, hourly ones at a random minute, the rest on the clock
      const phaseMinutes =
        minutes >= 1440 ? 60 * Math.floor(random() * 24) : minutes >= 60 ? Math.floor(random() * 60) : 0;
      profiles.push({
        name,
        periodMs,
        phaseMs: phaseMinutes * MINUTE,
        runner,
        model,
        price,
        tools: runner === 'command' || runner === 'extractive' ? [] : pick(random, TOOLSETS),
        meanDurationMs: runner === 'extractive' ? 400 : runner === 'command' ? 3000 : 8000 + random() * 90_000,
        meanOutputBytes: 200 + Math.floor(random() * 4000),
        meanInputBytes: 1000 + Math.floor(random() * 80_000),
        failRate: 0.01 + random() * 0.05,
        promptSha: hex(random, 64),
        definitionSha: hex(random, 64),
        cron:
          minutes >= 1440
            ? `0 ${phaseMinutes / 60} * * *`
            : minutes >= 60
              ? `${phaseMinutes} */${minutes / 60} * * *`
              : `*/${minutes} * * * *`,
      });
    }
  }
  return profiles;
}

/** Min-heap of records by ended_at, so lines come out in (nearly) end order. */
class EndHeap {
  private items: Array<{ ms: number; line: string }> = [];
  get size(): number {
    return this.items.length;
  }
  peek(): number {
    return (this.items[0] as { ms: number }).ms;
  }
  push(item: { ms: number; line: string }): void {
    const items = this.items;
    items.push(item);
    let i = items.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if ((items[parent] as { ms: number }).ms <= item.ms) break;
      items[i] = items[parent] as { ms: number; line: string };
      i = parent;
    }
    items[i] = item;
  }
  pop(): string {
    const items = this.items;
    const top = items[0] as { ms: number; line: string };
    const last = items.pop() as { ms: number; line: string };
    if (items.length > 0) {
      let i = 0;
      for (;;) {
        const left = 2 * i + 1;
        if (left >= items.length) break;
        const right = left + 1;
        const child =
          right < items.length && (items[right] as { ms: number }).ms < (items[left] as { ms: number }).ms
            ? right
            : left;
        if ((items[child] as { ms: number }).ms >= last.ms) break;
        items[i] = items[child] as { ms: number; line: string };
        i = child;
      }
      items[i] = last;
    }
    return top.line;
  }
}

function stampOf(profile: Profile, ms: number): string {
  const iso = new Date(ms).toISOString();
  return profile.periodMs >= 1440 * MINUTE
    ? iso.slice(0, 10)
    : `${iso.slice(0, 10)}T${iso.slice(11, 13)}${iso.slice(14, 16)}`;
}

interface AgentState {
  nextDue: number;
  /** runs left in a burst of failures */
  incident: number;
  incidentStatus: RunStatus;
  paused: number;
}

export function makeRecord(
  random: () => number,
  profile: Profile,
  state: AgentState,
  due: number,
  seq: number,
): RunRecord {
  const started = due + Math.floor(random() * 2500);
  let status: RunStatus = 'OK';
  let reason: string | null = null;
  if (state.paused > 0) {
    state.paused--;
    status = 'SKIPPED';
    reason = 'paused';
  } else if (state.incident > 0) {
    state.incident--;
    status = state.incidentStatus;
  } else {
    const roll = random();
    if (roll < 0.0005) state.paused = 5 + Math.floor(random() * 40);
    if (roll < 0.002) {
      state.incident = 2 + Math.floor(random() * 12);
      state.incidentStatus = pick(random, ['ERROR', 'TIMEOUT', 'RUNNER_FAILED'] as RunStatus[]);
    }
    if (roll < 0.012) {
      status = 'SKIPPED';
      reason = pick(random, SKIP_REASONS);
    } else if (roll < 0.012 + profile.failRate) status = pick(random, FAILURES);
  }
  const skipped = status === 'SKIPPED';
  const llm = profile.model !== null && !skipped;
  const durationMs = skipped
    ? Math.floor(random() * 6)
    : Math.max(50, Math.floor(profile.meanDurationMs * (0.4 + random() * 1.2)));
  const ended = started + durationMs;
  const inputTokens = llm ? Math.floor(profile.meanInputBytes / 4 + random() * 800) : 0;
  const outputTokens = llm ? Math.floor(profile.meanOutputBytes / 4 + random() * 300) : 0;
  const cacheRead = llm && profile.runner === 'claude' ? Math.floor(random() * 20_000) : undefined;
  const cost = Math.round(((inputTokens * profile.price[0] + outputTokens * profile.price[1]) / 1e6) * 1e6) / 1e6;
  let limitHit: RunRecord['limit_hit'] = null;
  if (status === 'TIMEOUT') limitHit = { limit: 'time', max: 300_000, observed: 300_000 + Math.floor(random() * 900) };
  else if (status === 'COST_LIMIT')
    limitHit = { limit: 'cost_usd', max: 2, observed: 2 + Math.round(random() * 100) / 1000 };
  else if (status === 'CALL_LIMIT') limitHit = { limit: 'calls', max: 10, observed: 11 };
  else if (status === 'OUTPUT_LIMIT')
    limitHit = { limit: 'output_bytes', max: 102_400, observed: 102_400 + Math.floor(random() * 5000) };
  if (status === 'ERROR')
    reason = pick(random, [
      'model returned 529 overloaded',
      'input file changed during the run',
      'agent reported: source unavailable',
    ]);
  if (status === 'RUNNER_FAILED')
    reason = pick(random, [
      'claude exited with code 1',
      'connection refused: 127.0.0.1:11434',
      'HTTP 500 from the model server',
    ]);
  const ok = status === 'OK';
  const outputSize = ok
    ? Math.max(1, Math.floor(profile.meanOutputBytes * (0.7 + random() * 0.6)))
    : status === 'PARTIAL'
      ? Math.floor(profile.meanOutputBytes * 0.3)
      : 0;
  const calls = llm ? 1 + Math.floor(random() * 4) : 0;
  const tokens: RunRecord['tokens'] =
    cacheRead === undefined
      ? { input: inputTokens, output: outputTokens }
      : { input: inputTokens, output: outputTokens, cache_read: cacheRead };
  return {
    v: 1,
    run_id: `${hex(random, 8)}-${hex(random, 4)}-4${hex(random, 3)}-${hex(random, 4)}-${hex(random, 8)}${(seq % 65536).toString(16).padStart(4, '0')}`,
    agent: profile.name,
    trigger: random() < 0.01 ? 'manual' : random() < 0.002 ? 'catch_up' : 'cron',
    started_at: new Date(started).toISOString(),
    ended_at: new Date(ended).toISOString(),
    duration_ms: durationMs,
    status,
    reason,
    limit_hit: limitHit,
    input_file: skipped ? null : `/srv/nightshift/inputs/${profile.name}.txt`,
    input_size_bytes: skipped ? null : Math.floor(profile.meanInputBytes * (0.5 + random())),
    output_file: ok || status === 'PARTIAL' ? `outputs/${profile.name}/${stampOf(profile, started)}.md` : null,
    output_size_bytes: outputSize,
    tool_calls: llm ? profile.tools.slice(0, 1 + Math.floor(random() * profile.tools.length)) : [],
    llm_calls: calls,
    tokens,
    cost_usd: cost,
    cost_basis: profile.runner === 'claude' ? 'reported' : llm && profile.price[0] > 0 ? 'table' : 'none',
    runner: profile.runner,
    model: profile.model,
    exit_code: skipped || status === 'TIMEOUT' ? null : ok ? 0 : 1,
    prompt_sha256: profile.promptSha,
    definition_sha256: profile.definitionSha,
    host: 'ops-1',
    version: '0.1.0',
  };
}

function agentFile(profile: Profile): string {
  const runner =
    profile.runner === 'command'
      ? `runner:\n  kind: command\n  command: ["/srv/nightshift/bin/${profile.name}.sh"]\n`
      : profile.model === null
        ? `runner:\n  kind: ${profile.runner}\n`
        : `runner:\n  kind: ${profile.runner}\n  model: ${profile.model}\n`;
  return `---
name: ${profile.name}
description: Benchmark agent ${profile.name}.
owner: bench
trigger:
  cron: "${profile.cron}"
  timezone: UTC
input:
  path: /srv/nightshift/inputs/${profile.name}.txt
  max_bytes: 200KB
${runner}limits:
  time: 5m
  calls: 10
  cost_usd: 2
  output_bytes: 100KB
budget:
  monthly_usd: 500
---
You summarize the input in three bullets, then print STATUS: OK and END_OF_RUN.
`;
}

export interface BigHomeOptions {
  runs: number;
  seed: number;
  /** ended_at of the last runs, roughly */
  endMs: number;
}

/** Writes <dir>/agents/*.md and <dir>/logs/runs.jsonl; returns the bytes written to the journal. */
export function makeBigHome(dir: string, options: BigHomeOptions): number {
  const random = mulberry32(options.seed);
  const profiles = makeProfiles(random);
  mkdirSync(join(dir, 'agents'), { recursive: true, mode: 0o700 });
  mkdirSync(join(dir, 'logs'), { recursive: true, mode: 0o700 });
  for (const profile of profiles)
    writeFileSync(join(dir, 'agents', `${profile.name}.md`), agentFile(profile), { mode: 0o600 });

  const runsPerDay = profiles.reduce((sum, p) => sum + (1440 * MINUTE) / p.periodMs, 0);
  const spanMs = Math.ceil((options.runs / runsPerDay) * 1440 * MINUTE);
  const startMs = options.endMs - spanMs;
  const states: AgentState[] = profiles.map((p) => ({
    nextDue: startMs - (startMs % p.periodMs) + p.phaseMs + p.periodMs,
    incident: 0,
    incidentStatus: 'ERROR',
    paused: 0,
  }));
  const heap = new EndHeap();
  const fd = openSync(join(dir, 'logs', 'runs.jsonl'), 'w', 0o600);
  let pendingText = '';
  let bytes = 0;
  let previous: string | null = null;
  const write = (line: string): void => {
    // a few neighbours out of order: two runs finishing together, a slow disk
    if (previous !== null && random() < 0.003) {
      pendingText += line;
      line = previous;
      previous = null;
    } else if (previous !== null) pendingText += previous;
    previous = line;
    if (pendingText.length > 1 << 20) {
      bytes += writeSync(fd, pendingText);
      pendingText = '';
    }
  };
  try {
    for (let seq = 0; seq < options.runs; seq++) {
      let next = 0;
      for (let i = 1; i < states.length; i++)
        if ((states[i] as AgentState).nextDue < (states[next] as AgentState).nextDue) next = i;
      const state = states[next] as AgentState;
      const profile = profiles[next] as Profile;
      const due = state.nextDue;
      state.nextDue += profile.periodMs;
      while (heap.size > 0 && heap.peek() <= due) write(heap.pop());
      const record = makeRecord(random, profile, state, due, seq);
      heap.push({ ms: Date.parse(record.ended_at), line: `${JSON.stringify(record)}\n` });
    }
    while (heap.size > 0) write(heap.pop());
    if (previous !== null) pendingText += previous;
    bytes += writeSync(fd, pendingText);
  } finally {
    closeSync(fd);
  }
  return bytes;
}

const isMain =
  process.argv[1] !== undefined && resolve(process.argv[1]).endsWith(join('bench', 'journal', 'make-big-home.js'));
if (isMain) {
  // end: when the history stops, an ISO time or "now" (a home whose week is current, for `review`)
  const [dir, runs = '1000000', seed = '42', end = '2026-04-18T22:00:00.000Z'] = process.argv.slice(2);
  const endMs = end === 'now' ? Date.now() : Date.parse(end);
  if (dir === undefined || Number.isNaN(endMs)) {
    console.error('usage: make-big-home.js <dir> [runs=1000000] [seed=42] [end=2026-04-18T22:00:00.000Z|now]');
    process.exit(2);
  }
  const started = Date.now();
  const bytes = makeBigHome(resolve(dir), {
    runs: Number(runs),
    seed: Number(seed),
    endMs,
  });
  console.log(
    `${runs} runs, ${(bytes / 1e6).toFixed(1)} MB in ${resolve(dir, 'logs', 'runs.jsonl')} (${((Date.now() - started) / 1000).toFixed(1)} s)`,
  );
}
