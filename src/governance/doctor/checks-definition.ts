import { type AgentDefinition, describeTemplateText, templateText, writeCapabilities } from '../../agents/index.js';
import { resolve } from 'node:path';
import type { AgentFacts, CheckResult, HomeFacts } from './types.js';

/** The checks that read the definition's front-matter (and, for write tools, the run history). Pure. */
export const REQUIRED_LIMITS = ['time', 'calls', 'cost_usd', 'output_bytes'] as const;
export const OK_HISTORY_DAYS = 30;
const DAY_MS = 86_400_000;
const RISK_KEYS = ['worst_hour', 'recovery_cost', 'detection', 'stop', 'worth_it'] as const;
const RISK_QUESTIONS: Record<(typeof RISK_KEYS)[number], string> = {
  worst_hour: 'the worst thing it could do in an hour of runaway',
  recovery_cost: 'what that would cost to recover from',
  detection: 'how you would detect it',
  stop: 'how quickly you could stop it, and with which command',
  worth_it: 'why the upside of running it unsupervised is worth that risk',
};

/**
 * A command runner's cost is only what its usage line says (README, "A
 * command's usage line"): the harness can stop it at the cost ceiling only
 * if it prints that line as it goes. Nothing in the file says which it does,
 * so doctor says so for every command agent.
 */
export function costReportNote(agent: AgentDefinition): string | null {
  if (agent.runner.kind !== 'command') return null;
  const ceiling = agent.budget
    ? `limits.cost_usd ($${agent.limits.cost_usd}, or less when the month's $${agent.budget.monthly_usd} budget has less left)`
    : `limits.cost_usd ($${agent.limits.cost_usd})`;
  return (
    `runner command: its cost is what its {"nightshift":{…}} usage line on stderr says; ${ceiling} stops a run ` +
    'only if the command prints that line after each model call: one that prints it only at the end is counted ' +
    'after the money is spent, and cannot be stopped by cost mid-run'
  );
}

export function checkLimits(agent: AgentDefinition, home: HomeFacts): CheckResult {
  const title = 'time, call, cost and output limits set in the file';
  const missing = REQUIRED_LIMITS.filter((limit) => !agent.limitsSetInFile.includes(limit));
  const note = costReportNote(agent);
  const more = note === null ? '' : `\n${note}`;
  if (missing.length === 0) return { id: 'limits', ok: true, title, detail: `all four set${more}` };
  const lines = missing.map((limit) => `  ${limit}: ${home.defaultLimits[limit]}`);
  return {
    id: 'limits',
    ok: false,
    title,
    detail: `${missing.join(', ')} left to the home's defaults: a change to nightshift.yaml would silently change what this agent may do${more}`,
    fix: `add to ${agent.file} (under the existing limits: if there is one; these are the values it runs with now):\nlimits:\n${lines.join('\n')}`,
  };
}

function daysSince(day: string, now: Date): number {
  return Math.floor((now.getTime() - Date.parse(`${day}T00:00:00Z`)) / DAY_MS);
}

export function checkReadOnly(agent: AgentDefinition, facts: AgentFacts, home: HomeFacts): CheckResult {
  const title = `read-only tools (write tools need writes: true and ${OK_HISTORY_DAYS} days of OK history)`;
  // without writes: true the loader refuses write tools (agents/access.ts): such a file fails the `valid` check instead
  const capabilities = writeCapabilities(agent);
  const writing = capabilities.map((c) => (c.kind === 'tool' ? c.value : `${c.field}: ${c.value}`));
  if (writing.length === 0)
    return {
      id: 'read_only',
      ok: true,
      title,
      detail: agent.tools.length > 0 ? `tools: ${agent.tools.join(', ')}` : 'no tools',
    };
  const writingTools = capabilities.filter((c) => c.kind === 'tool').map((c) => c.value);
  const readOnly = agent.tools.filter((tool) => !writingTools.includes(tool));
  const readOnlyLines = [
    `tools: ${readOnly.length > 0 ? readOnly.join(', ') : 'Read'}`,
    ...capabilities.filter((c) => c.kind === 'permission_mode').map((c) => `${c.field}: dontAsk`),
  ];
  const { firstOkDay, okDaysInLast30 } = facts.okHistory;
  const age = firstOkDay === null ? null : daysSince(firstOkDay, home.now);
  const proven = age !== null && age >= OK_HISTORY_DAYS && okDaysInLast30 > 0;
  const history =
    firstOkDay === null
      ? 'no OK run yet'
      : `first OK run ${age} days ago (${firstOkDay}), OK runs on ${okDaysInLast30} of the last ${OK_HISTORY_DAYS} days`;
  if (proven && agent.writes)
    return { id: 'read_only', ok: true, title, detail: `writes: true with ${writing.join(', ')}; ${history}` };
  const readyOn =
    firstOkDay === null
      ? null
      : new Date(Date.parse(`${firstOkDay}T00:00:00Z`) + OK_HISTORY_DAYS * DAY_MS).toISOString().slice(0, 10);
  return {
    id: 'read_only',
    ok: false,
    title,
    detail:
      `${agent.writes ? 'writes: true' : 'writes: true is not set'} with ${writing.join(', ')}, but ${history}: ` +
      `a write-capable agent needs ${OK_HISTORY_DAYS} days of OK runs, and OK runs in the last ${OK_HISTORY_DAYS} days`,
    fix:
      `run it read-only${readyOn ? ` until ${readyOn} at the earliest` : ' until it has a month of OK runs'}; ` +
      `in ${agent.file}:\n${readOnlyLines.join('\n')}\nwrites: false`,
  };
}

export function checkOwner(agent: AgentDefinition, home: HomeFacts): CheckResult {
  const title = 'an owner';
  if (agent.owner) return { id: 'owner', ok: true, title, detail: agent.owner };
  return {
    id: 'owner',
    ok: false,
    title,
    detail: 'no owner: nobody answers for it when it breaks',
    fix: `add to ${agent.file}:\nowner: ${home.user}`,
  };
}

export function checkBudget(agent: AgentDefinition): CheckResult {
  const title = 'a monthly budget';
  if (agent.budget)
    return {
      id: 'budget',
      ok: true,
      title,
      detail: `$${agent.budget.monthly_usd}/month, warning at ${Math.round(agent.budget.warn_at * 100)}%`,
    };
  const suggestion = Math.max(1, Math.ceil(agent.limits.cost_usd * 5));
  return {
    id: 'budget',
    ok: false,
    title,
    detail: 'no budget: nothing pauses it when its spend runs away',
    fix: `add to ${agent.file} (the agent is paused when the month's spend reaches it):\nbudget:\n  monthly_usd: ${suggestion}\n  warn_at: 0.8`,
  };
}

export function checkRisk(agent: AgentDefinition): CheckResult {
  const title = 'the five-question test answered (risk:)';
  const missing = RISK_KEYS.filter((key) => (agent.risk[key] ?? '').trim().length === 0);
  // an answer `nightshift new` left as TODO is no answer (template-text.ts: the rule validate warns with)
  const unwritten = templateText({ description: '', prompt: '', risk: agent.risk });
  if (missing.length === 0 && unwritten.length > 0)
    return {
      id: 'risk',
      ok: false,
      title,
      detail: `still template text: ${unwritten.map(describeTemplateText).join('; ')}`,
      fix: `answer in ${agent.file} (under the existing risk:), in your own words:\nrisk:\n${unwritten
        .map((item) => item.field.slice('risk.'.length) as (typeof RISK_KEYS)[number])
        .map((key) => `  ${key}: "…"   # ${RISK_QUESTIONS[key]}`)
        .join('\n')}`,
    };
  if (missing.length === 0) return { id: 'risk', ok: true, title, detail: 'all five answered' };
  const lines = missing.map((key) => `  ${key}: "…"   # ${RISK_QUESTIONS[key]}`);
  return {
    id: 'risk',
    ok: false,
    title,
    detail: missing.length === RISK_KEYS.length ? 'no risk: block' : `not answered: ${missing.join(', ')}`,
    fix: `answer in ${agent.file}${missing.length === RISK_KEYS.length ? '' : ' (under the existing risk:)'}:\nrisk:\n${lines.join('\n')}`,
  };
}

/**
 * The description and prompt sections `nightshift new` left as TODO. Listed
 * only when there is such text (as `examined` is only when an agent could
 * not be examined): risk answers are the `risk` check's.
 */
export function checkTemplateText(agent: AgentDefinition, home: HomeFacts): CheckResult | null {
  const unwritten = templateText({ description: agent.description, prompt: agent.prompt, risk: {} });
  if (unwritten.length === 0) return null;
  return {
    id: 'template_text',
    ok: false,
    title: 'no template text (TODO) left in the description and prompt',
    detail: `still template text: ${unwritten.map(describeTemplateText).join('; ')}`,
    fix: `write those parts of ${agent.file} in your own words (what this agent does, for whom, step by step), then: ${home.cli} doctor ${agent.name}`,
  };
}

/**
 * A webhook agent's secret variable is set (src/daemon/webhook): without it the daemon refuses every request
 * with 401, so the agent never runs. Looked up where doctor runs; the daemon's own environment (its service
 * file, ~/.config/nightshift/env) must carry it too.
 */
export function checkWebhookSecret(agent: AgentDefinition, home: HomeFacts): CheckResult | null {
  const trigger = agent.trigger;
  if (trigger?.kind !== 'webhook' || !home.envSet) return null;
  const title = `the webhook secret $${trigger.secretEnv} is set`;
  if (home.envSet(trigger.secretEnv))
    return {
      id: 'webhook_secret',
      ok: true,
      title,
      detail: `set here; the daemon must run with the same value (its service environment)`,
    };
  return {
    id: 'webhook_secret',
    ok: false,
    title,
    detail: `$${trigger.secretEnv} is not set or empty: the daemon refuses every request for ${agent.name} (401), so it never runs`,
    fix:
      `make a secret (e.g. \`openssl rand -hex 32\`), give it to the sender, and set ${trigger.secretEnv}=… in the ` +
      "daemon's environment (~/.config/nightshift/env for the installed service) and in this shell, then restart the daemon",
  };
}

/**
 * A command agent's program (runner.command[0]) is found and executable from the run's folder (runner.cwd, else
 * the home), by the same rule a run uses (src/runners/process/executable.ts): otherwise every run of it ends
 * RUNNER_FAILED. Listed for command agents only.
 */
export function checkRunnerProgram(agent: AgentDefinition, home: HomeFacts): CheckResult | null {
  const runner = agent.runner;
  if (runner.kind !== 'command' || !home.programProblem) return null;
  const program = runner.command?.[0];
  const title = "the command runner's program exists and can be executed";
  if (program === undefined) return { id: 'runner_program', ok: false, title, detail: 'runner.command is empty' };
  const cwd = resolve(home.root, runner.cwd ?? '.');
  const problem = home.programProblem(program, cwd);
  if (problem === null) return { id: 'runner_program', ok: true, title, detail: `${program} found` };
  const where = program.includes('/') ? resolve(cwd, program) : `${program} (on PATH)`;
  return {
    id: 'runner_program',
    ok: false,
    title,
    detail:
      problem === 'ENOENT'
        ? `${where} is not there: every run would end RUNNER_FAILED`
        : `${where} is not executable: every run would end RUNNER_FAILED`,
    fix: problem === 'ENOENT' ? `write ${where}, or fix runner.command in ${agent.file}` : `chmod +x ${where}`,
  };
}
