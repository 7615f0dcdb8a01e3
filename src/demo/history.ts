import { type AgentDefinition, formatDuration, formatSize } from '../agents/index.js';
import { type LimitName, type RunRecord, type RunStatus, runRecordSchema } from '../journal/index.js';
import { monthKey, monthRange, previousMonth } from '../time/index.js';
import type { Clock } from './clock.js';
import { clockTime, localDateTime, longDay, outputStamp } from './clock.js';
import { DEMO_HOST, DEMO_VERSION } from './constants.js';
import type { DemoFleet } from './fleet.js';
import { PUBLISHED, renderOutput } from './outputs/index.js';
import { costOf, type Tokens, type Usage, usageFor } from './profiles.js';
import { type Rng, stream } from './prng.js';
import { type Slot, slotsFor } from './slots.js';
import { blockerAt, type Replay } from './state-replay.js';
import type { Story } from './story.js';
import { roundUsd, usdCents } from '../shared/index.js';

/**
 * The ninety days of runs: every trigger that fired, what the operator state
 * and the budget let through, what each run cost and wrote. Pure; the result
 * is the content of logs/runs.jsonl and outputs/, in ended_at order.
 */
export interface SimRun {
  record: RunRecord;
  output: { path: string; content: string } | null;
  variant: string | null;
}

/** A month's spend crossing an agent's warning line or its budget. */
export interface BudgetEvent {
  agent: string;
  month: string;
  kind: 'warn' | 'reached';
  at: Date;
  spent: number;
  budget: number;
  warnAt: number;
  /** the start of the next month, when a reached budget resets */
  resetAt: Date;
}

export interface History {
  runs: SimRun[];
  budgetEvents: BudgetEvent[];
}

interface LimitHit {
  limit: LimitName;
  max: number;
  observed: number;
}

interface Plan {
  definition: AgentDefinition;
  slot: Slot;
  status: RunStatus;
  variant: string | null;
  reason: string | null;
  usage: Usage;
  cost: number;
  /** a cost the story fixes (a limit crossed at a known amount): never rescaled */
  fixedCost: boolean;
  limitHit: LimitHit | null;
  endedAt: Date;
}

const KILL_GRACE_MS = 3_000;

export function simulateHistory(input: { fleet: DemoFleet; story: Story; clock: Clock; seed: number; operator: Replay }): History {
  const { fleet, story, clock, seed } = input;
  const runs: SimRun[] = [];
  const budgetEvents: BudgetEvent[] = [];
  for (const agent of fleet.agents) {
    const rng = stream(seed, `history:${agent.name}`);
    // A run still in flight at "now" has no record yet.
    const plans = slotsFor(agent, story, clock, rng)
      .map((slot) => plan(slot, { ...input, rng }))
      .filter((p) => p.endedAt < clock.now);
    steerMonthlyCost(agent.name, plans, story, clock);
    budgetEvents.push(...applyBudget(agent, plans, clock));
    runs.push(...records(agent, plans, { ...input, ids: stream(seed, `ids:${agent.name}`), texts: stream(seed, `outputs:${agent.name}`) }));
  }
  runs.sort((a, b) => a.record.ended_at.localeCompare(b.record.ended_at) || a.record.agent.localeCompare(b.record.agent));
  budgetEvents.sort((a, b) => a.at.getTime() - b.at.getTime());
  return { runs, budgetEvents };
}

/** The definition in force at `at`: runs before a schedule or definition change carry the older file's hashes and limits. */
export function definitionAt(fleet: DemoFleet, story: Story, name: string, at: Date): AgentDefinition {
  const earlier = fleet.earlier.get(name);
  const changedAt = story.schedule.agent === name ? story.schedule.at : story.definition.agent === name ? story.definition.at : null;
  if (earlier && changedAt && at < changedAt) return earlier;
  return fleet.byName.get(name)!;
}

function plan(slot: Slot, ctx: { fleet: DemoFleet; story: Story; clock: Clock; operator: Replay; rng: Rng }): Plan {
  const { story, rng } = ctx;
  let definition = definitionAt(ctx.fleet, story, slot.agent, slot.at);
  const blocker = blockerAt(ctx.operator, slot.agent, slot.at);
  const forced = story.forced.find((f) => f.agent === slot.agent && slot.at >= f.from && slot.at < f.to);
  let status: RunStatus = 'OK';
  let variant: string | null = null;
  let reason: string | null = null;
  if (blocker) {
    status = 'SKIPPED';
    reason = skipReason(blocker, ctx.clock);
  } else if (forced) {
    status = forced.status;
    variant = forced.variant ?? null;
  }
  if (status === 'SKIPPED' && variant === 'invalid') {
    // the file as saved then: its sha, and the harness's words for what it asked for
    const refused = ctx.fleet.refused.get(slot.agent);
    if (!refused) throw new Error(`demo story: a refused run of ${slot.agent} but no refused version of its file`);
    definition = refused.definition;
    reason = refused.reason;
  }
  const grownFeed = slot.agent === 'research-digest' && slot.at >= story.researchFeedGrowsFrom;
  if (grownFeed && variant === null && status !== 'SKIPPED') variant = 'big-feed';
  const daysSinceGrowth = Math.max(0, Math.floor((slot.at.getTime() - story.researchFeedGrowsFrom.getTime()) / 86_400_000));
  const usage = usageFor(definition, { rng, status, variant, grownFeed, daysSinceGrowth });
  const limits = definition.limits;
  // Routine runs stay inside their limits: only the story's runs cross one.
  usage.llmCalls = Math.min(usage.llmCalls, limits.calls);
  usage.durationMs = Math.min(usage.durationMs, limits.time - rng.int(5_000, 30_000));

  let limitHit: LimitHit | null = null;
  let fixedCost = false;
  let cost = costOf(definition.model, usage.tokens);
  switch (status) {
    case 'TIMEOUT': {
      const observed = limits.time;
      limitHit = { limit: 'time', max: limits.time, observed };
      usage.durationMs = observed + rng.int(150, KILL_GRACE_MS);
      usage.exitCode = null;
      cost = costOf(definition.model, usage.tokens);
      break;
    }
    case 'CALL_LIMIT':
      usage.llmCalls = limits.calls + 1;
      usage.toolCalls = Array.from({ length: limits.calls }, () => 'Read');
      usage.exitCode = null;
      limitHit = { limit: 'calls', max: limits.calls, observed: limits.calls + 1 };
      break;
    case 'COST_LIMIT': {
      const observed = roundUsd(limits.cost_usd + rng.float(0.01, 0.04));
      usage.tokens = scaleTokens(usage.tokens, observed / Math.max(cost, 1e-6));
      usage.llmCalls = Math.min(limits.calls, usage.llmCalls + 2);
      usage.exitCode = null;
      cost = observed;
      fixedCost = true;
      limitHit = { limit: 'cost_usd', max: limits.cost_usd, observed };
      break;
    }
    case 'OUTPUT_LIMIT': {
      const observed = limits.output_bytes + rng.int(2_000, 6_000); // seen at the end of the chunk that crossed it
      limitHit = { limit: 'output_bytes', max: limits.output_bytes, observed };
      break;
    }
    case 'RUNNER_FAILED':
      ({ reason, cost } = runnerFailure(definition, usage, variant, slot, story, rng));
      break;
    case 'CRASHED':
      usage.durationMs = rng.int(4 * 60_000, 6 * 60_000);
      usage.llmCalls = 2;
      usage.toolCalls = ['Read', 'Bash'];
      usage.tokens = scaleTokens(usage.tokens, 0.4);
      usage.exitCode = null;
      cost = costOf(definition.model, usage.tokens);
      reason = `the harness (pid ${rng.int(40_000, 60_000)} on ${DEMO_HOST}) ended without recording the run; found by check; usage is the last the harness saw`;
      break;
  }
  if (status === 'SKIPPED' && variant === 'overlap') reason = 'overlap'; // filled in with the run in flight when records are made
  return { definition, slot, status, variant, reason, usage, cost, fixedCost, limitHit, endedAt: new Date(slot.at.getTime() + usage.durationMs) };
}

function runnerFailure(definition: AgentDefinition, usage: Usage, variant: string | null, slot: Slot, story: Story, rng: Rng): { reason: string; cost: number } {
  switch (variant) {
    case 'auth':
      Object.assign(usage, { durationMs: rng.int(1_200, 2_800), llmCalls: 0, toolCalls: [], tokens: { input: 0, output: 0 }, exitCode: 1, costBasis: 'none' });
      return {
        reason: 'claude exited with code 1 before its result line: API Error: 401 {"type":"error","error":{"type":"authentication_error","message":"invalid x-api-key"}}',
        cost: 0,
      };
    case 'oom': {
      usage.durationMs = rng.int(150_000, 230_000);
      usage.llmCalls = 3;
      usage.toolCalls = ['Read', 'Bash'];
      usage.tokens = scaleTokens(usage.tokens, 0.5);
      usage.exitCode = null;
      return {
        reason: `claude was killed by SIGKILL after ${formatDuration(Math.round(usage.durationMs / 1000) * 1000)} without a result line (out of memory: the Bash tool's python3 scripts/pipeline_stats.py grew to 3.1 GB)`,
        cost: costOf(definition.model, usage.tokens),
      };
    }
    case 'ollama-down':
      return { reason: 'POST http://127.0.0.1:11434/v1/chat/completions failed: connect ECONNREFUSED 127.0.0.1:11434 (is the model server running?)', cost: 0 };
    case 'killed': {
      usage.durationMs = story.kill.at.getTime() - slot.at.getTime() + rng.int(300, 1_800);
      usage.llmCalls = Math.min(definition.limits.calls - 1, usage.llmCalls + 6);
      usage.toolCalls = Array.from({ length: 14 }, (_, i) => (i % 3 === 2 ? 'Grep' : 'Read'));
      usage.exitCode = null;
      return { reason: `killed by ${story.kill.by} (nightshift kill): ${story.kill.reason}`, cost: costOf(definition.model, usage.tokens) };
    }
    default:
      throw new Error(`demo story: RUNNER_FAILED without a known variant for ${definition.name}`);
  }
}

function scaleTokens(tokens: Tokens, factor: number): Tokens {
  const scale = (n: number | undefined) => (n === undefined ? undefined : Math.max(1, Math.round(n * factor)));
  return { input: scale(tokens.input)!, output: scale(tokens.output)!, cache_read: scale(tokens.cache_read), cache_write: scale(tokens.cache_write) };
}

/**
 * The drifting agent's months are steered to their story totals (≈ $3 last
 * month, ≈ $33 this month) by scaling its token counts, so the shape of the
 * climb stays random while the totals the tests and the console rely on do not.
 */
function steerMonthlyCost(agent: string, plans: Plan[], story: Story, clock: Clock): void {
  const target = story.costTargets.find((t) => t.agent === agent);
  if (!target) return;
  const thisMonth = monthKey(clock.now, clock.timezone);
  const { start, end } = monthRange(thisMonth, clock.timezone);
  const gone = (clock.now.getTime() - start.getTime()) / (end.getTime() - start.getTime());
  for (const [month, total] of [
    [previousMonth(thisMonth), target.lastMonth],
    [thisMonth, target.lastMonth * target.projectedRatio * gone],
  ] as const) {
    const inMonth = plans.filter((p) => p.status !== 'SKIPPED' && monthKey(p.slot.at, clock.timezone) === month);
    const fixed = inMonth.filter((p) => p.fixedCost).reduce((sum, p) => sum + p.cost, 0);
    const free = inMonth.filter((p) => !p.fixedCost);
    const freeSum = free.reduce((sum, p) => sum + p.cost, 0);
    if (freeSum <= 0) continue;
    // a run the story fixed (a cost limit crossed) may already be most of an early month's share
    const factor = Math.max(total - fixed, 0.05 * free.length) / freeSum;
    for (const p of free) {
      p.usage.tokens = scaleTokens(p.usage.tokens, factor);
      p.cost = costOf(p.definition.model, p.usage.tokens);
      if (p.status === 'OK' && p.cost > p.definition.limits.cost_usd) {
        throw new Error(`demo story: steering ${agent} to $${total} in ${month} makes a routine run cost $${p.cost}, over its limit`);
      }
    }
  }
}

/**
 * The monthly budget is hard: the run that would cross it is cut at what is
 * left (COST_LIMIT), the watchdog pauses the agent, and every later trigger
 * that month is SKIPPED with reason budget.
 */
function applyBudget(agent: AgentDefinition, plans: Plan[], clock: Clock): BudgetEvent[] {
  const budget = agent.budget;
  if (!budget) return [];
  const events: BudgetEvent[] = [];
  let month = '';
  let spent = 0;
  let warned = false;
  let reached = false;
  for (const p of plans) {
    const m = monthKey(p.slot.at, clock.timezone);
    if (m !== month) {
      month = m;
      spent = 0;
      warned = false;
      reached = false;
    }
    const resetAt = monthRange(m, clock.timezone).end;
    if (reached) {
      if (p.status !== 'SKIPPED') {
        Object.assign(p, { status: 'SKIPPED', variant: null, limitHit: null, cost: 0, fixedCost: true });
        p.usage = { durationMs: 4, inputSize: null, llmCalls: 0, toolCalls: [], tokens: { input: 0, output: 0 }, exitCode: null, costBasis: 'none' };
        p.reason = `budget: ${usdCents(spent)} spent in ${m} has reached the monthly budget of $${budget.monthly_usd}; runs resume on ${localDateTime(resetAt, clock.timezone)}`;
        p.endedAt = new Date(p.slot.at.getTime() + 4);
      }
      continue;
    }
    if (p.status === 'SKIPPED') continue;
    const left = roundUsd(budget.monthly_usd - spent);
    if (p.cost > left) {
      const observed = roundUsd(left + 0.000_4);
      p.usage.tokens = scaleTokens(p.usage.tokens, observed / p.cost);
      p.usage.durationMs = Math.round(p.usage.durationMs * Math.min(1, observed / p.cost + 0.1));
      p.usage.exitCode = null;
      p.endedAt = new Date(p.slot.at.getTime() + p.usage.durationMs);
      Object.assign(p, { status: 'COST_LIMIT', variant: null, cost: observed, fixedCost: true, limitHit: { limit: 'cost_usd', max: left, observed } });
      p.reason = `cost $${observed}, over the limit of $${left} (what was left of the $${budget.monthly_usd} monthly budget)`;
    }
    spent = roundUsd(spent + p.cost);
    if (!warned && spent >= budget.warn_at * budget.monthly_usd) {
      warned = true;
      events.push({ agent: agent.name, month: m, kind: 'warn', at: p.endedAt, spent, budget: budget.monthly_usd, warnAt: budget.warn_at, resetAt });
    }
    if (spent >= budget.monthly_usd) {
      reached = true;
      events.push({ agent: agent.name, month: m, kind: 'reached', at: p.endedAt, spent, budget: budget.monthly_usd, warnAt: budget.warn_at, resetAt });
    }
  }
  return events;
}


function records(agent: AgentDefinition, plans: Plan[], ctx: { fleet: DemoFleet; story: Story; clock: Clock; seed: number; ids: Rng; texts: Rng }): SimRun[] {
  const { clock } = ctx;
  const usedNames = new Set<string>();
  const out: SimRun[] = [];
  for (const p of plans) {
    const runId = ctx.ids.uuid();
    const definition = p.definition;
    let reason = p.reason;
    if (p.status === 'SKIPPED' && p.variant === 'overlap') {
      const inFlight = out.filter((run) => run.record.started_at < p.slot.at.toISOString() && run.record.ended_at > p.slot.at.toISOString()).pop();
      if (!inFlight) throw new Error(`demo story: overlap for ${agent.name} at ${p.slot.at.toISOString()} but no run in flight`);
      reason = `overlap: run ${inFlight.record.run_id} (started ${clockTime(new Date(inFlight.record.started_at), clock.timezone, true)}) still holds the lock`;
    }
    let output: SimRun['output'] = null;
    if (PUBLISHED.has(p.status)) {
      const content = renderOutput({
        agent: agent.name,
        status: p.status,
        variant: p.variant,
        at: p.slot.at,
        date: outputStamp(p.slot.at, clock.timezone, 'date'),
        longDay: longDay(p.slot.at, clock.timezone),
        time: clockTime(p.slot.at, clock.timezone),
        inputFile: definition.input?.path ?? '',
        inputSize: p.usage.inputSize ?? 0,
        maxInputBytes: definition.input?.maxBytes ?? 0,
        rng: ctx.texts,
        seed: ctx.seed,
        detail: ctx.story.releaseDays.find((r) => r.at.getTime() === p.slot.at.getTime())?.version,
      });
      if (content === null) throw new Error(`no ${p.status} output for ${agent.name}`);
      output = { path: outputPath(agent.name, outputStamp(p.slot.at, clock.timezone, definition.stamp), usedNames), content };
      reason ??= declaredReason(agent.name, p, content);
    }
    reason ??= limitReason(p);
    const record = runRecordSchema.parse({
      v: 1,
      run_id: runId,
      agent: agent.name,
      trigger: p.slot.trigger,
      started_at: p.slot.at.toISOString(),
      ended_at: p.endedAt.toISOString(),
      duration_ms: p.endedAt.getTime() - p.slot.at.getTime(),
      status: p.status,
      reason,
      limit_hit: p.limitHit,
      input_file: definition.input?.path ?? null,
      input_size_bytes: p.usage.inputSize,
      output_file: output?.path ?? null,
      output_size_bytes: output ? Buffer.byteLength(output.content) : 0,
      tool_calls: p.usage.toolCalls,
      llm_calls: p.usage.llmCalls,
      tokens: p.usage.tokens,
      cost_usd: p.cost,
      cost_basis: p.usage.costBasis,
      runner: definition.runner.kind,
      model: definition.model ?? null,
      exit_code: p.usage.exitCode,
      prompt_sha256: definition.promptSha256,
      definition_sha256: definition.definitionSha256,
      host: DEMO_HOST,
      version: DEMO_VERSION,
    });
    out.push({ record, output, variant: p.variant });
  }
  return out;
}

/** outputs/<name>/<stamp>.md, or <stamp>-2.md for a second run with the same stamp, as the harness names them. */
function outputPath(agent: string, stamp: string, used: Set<string>): string {
  for (let attempt = 1; ; attempt++) {
    const path = `outputs/${agent}/${attempt <= 1 ? stamp : `${stamp}-${attempt}`}.md`;
    if (!used.has(path)) {
      used.add(path);
      return path;
    }
  }
}

/** Why a run that finished by itself is not OK, in the words the harness or the agent's own output gives. */
function declaredReason(agent: string, p: Plan, content: string): string | null {
  const input = p.definition.input;
  switch (p.status) {
    case 'OK':
      return null;
    case 'EMPTY':
      return `input ${input?.path} is empty (0 bytes)`;
    case 'TOO_LARGE':
      return `input ${input?.path} is ${formatSize(p.usage.inputSize ?? 0)} (${p.usage.inputSize} bytes), over its max_bytes of ${formatSize(input?.maxBytes ?? 0)}`;
    case 'NO_END': {
      const last = content.trimEnd().split('\n').pop() ?? '';
      return `no END_OF_RUN line; the last line is ${JSON.stringify(last.length > 80 ? `${last.slice(0, 79)}…` : last)}`;
    }
    case 'BAD_FORMAT':
      return agent === 'nightly-summarizer' ? 'STATUS: OK but expected 3 bullets, found 2' : 'STATUS: OK but expected a heading "Anomalies", found none';
    default:
      return `the agent declared ${p.status}: ${DECLARED[`${agent}:${p.status}`] ?? 'see the output'}`;
  }
}

const DECLARED: Record<string, string> = {
  'nightly-summarizer:PARTIAL': 'one line without a time stamp, listed under Anomalies',
  'weekly-metrics:UNEXPECTED_INPUT': 'the export had a header and no data rows (read while the warehouse job was still writing it)',
  'weekly-metrics:PARTIAL': 'the last row was cut off after mrr_eur; reported on 13 complete rows',
  'inbox-digest:TOOL_FAILED': 'Read of samples/inbox/export.txt failed twice with EACCES (the export was written as root)',
  'queue-depth-responder:ERROR': 'a queue line without the three fields; stopped at it',
  'research-digest:INCOMPLETE': 'some feed entries were cut off mid-abstract and left out',
  'research-digest:TOOL_FAILED': 'Read of the feed failed twice while the feed builder was still writing it',
  'ticket-monitor:UNEXPECTED_INPUT': 'the helpdesk export has new column names',
};

function limitReason(p: Plan): string | null {
  const hit = p.limitHit;
  if (!hit) return p.status === 'OK' ? null : p.reason;
  const note = p.variant === 'flood' ? ` (input ${formatSize(p.usage.inputSize ?? 0)}: a flood of newsletters and notifications)` : '';
  switch (hit.limit) {
    case 'time':
      return `ran ${formatDuration(hit.observed)}, reaching the time limit of ${formatDuration(hit.max)}${note}`;
    case 'calls':
      return `${hit.observed} model calls, over the limit of ${hit.max}`;
    case 'tool_calls':
      return `${hit.observed} tool calls, over the limit of ${hit.max}`;
    case 'cost_usd':
      return p.reason ?? `cost $${hit.observed}, over the limit of $${hit.max}`;
    case 'output_bytes':
      return `${formatSize(hit.observed)} of output, over the limit of ${formatSize(hit.max)} (the model repeated one stack trace until it was stopped)`;
  }
}

function skipReason(blocker: NonNullable<ReturnType<typeof blockerAt>>, clock: Clock): string {
  const local = (iso: string | null) => (iso ? localDateTime(new Date(iso), clock.timezone) : '?');
  switch (blocker.blockedBy) {
    case 'stopped':
      return `stopped: the fleet is stopped (stop-all by ${blocker.global.by} at ${local(blocker.global.since)}): ${blocker.global.reason}`;
    case 'paused': {
      const until = blocker.entry.paused_until ? `, until ${local(blocker.entry.paused_until)}` : '';
      return `paused: by ${blocker.entry.by} since ${local(blocker.entry.since)}${until}: ${blocker.entry.reason}`;
    }
    case 'disabled':
      return `disabled: by ${blocker.entry.by} since ${local(blocker.entry.since)}: ${blocker.entry.reason}`;
  }
}
