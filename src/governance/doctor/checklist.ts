import { type AgentEntry, formatProblem } from '../../agents/index.js';
import {
  checkBudget,
  checkLimits,
  checkOwner,
  checkReadOnly,
  checkRisk,
  checkTemplateText,
  checkWebhookSecret,
  checkRunnerProgram,
} from './checks-definition.js';
import { checkAlertChannel, checkEvals, checkOneScheduler, checkReview, checkRunbook } from './checks-evidence.js';
import { checkProtocol, checkStopConditions } from './checks-prompt.js';
import type { AgentFacts, AgentVerdict, CheckResult, HomeFacts } from './types.js';

/**
 * The production-readiness checklist for one agent: the seed's six items
 * and the five-question test, plus what makes them hold in practice (an
 * owner, a runbook that can stop it, a budget, one scheduler). Pure.
 */
export function runChecklist(entry: AgentEntry, facts: AgentFacts, home: HomeFacts): AgentVerdict {
  if (!entry.ok) {
    const problems = entry.problems.map(formatProblem);
    const check: CheckResult = {
      id: 'valid',
      ok: false,
      title: 'a valid definition',
      detail: problems.join('\n'),
      fix: `correct the fields named above in ${entry.file}, then: ${home.cli} validate`,
    };
    return { agent: entry.name, file: entry.file, ok: false, checks: [check] };
  }
  const agent = entry.agent;
  const checks: CheckResult[] = [
    { id: 'valid', ok: true, title: 'a valid definition', detail: entry.file },
    checkStopConditions(agent),
    checkProtocol(agent),
    checkLimits(agent, home),
    checkReadOnly(agent, facts, home),
    checkOwner(agent, home),
    checkRunbook(agent, facts, home),
    checkBudget(agent),
    checkReview(agent, facts, home),
    checkEvals(agent, facts, home),
    checkAlertChannel(home),
    checkRisk(agent),
    checkOneScheduler(agent, facts, home),
  ];
  const secret = checkWebhookSecret(agent, home);
  if (secret !== null) checks.push(secret);
  const program = checkRunnerProgram(agent, home);
  if (program !== null) checks.push(program);
  const template = checkTemplateText(agent, home);
  if (template !== null) checks.push(template);
  return { agent: entry.name, file: entry.file, ok: checks.every((c) => c.ok), checks };
}
