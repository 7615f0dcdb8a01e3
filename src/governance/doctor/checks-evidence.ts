import type { AgentDefinition } from '../../agents/index.js';
import { CADENCE_DAYS, REVIEW_SLACK_DAYS } from '../../alerts/index.js';
import type { AgentFacts, CheckResult, HomeFacts } from './types.js';

/** The checks that look at what surrounds a definition: runbook, reviews, evals, alert channels, schedulers. Pure. */
const DAY_MS = 86_400_000;

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** `nightshift disable <name>` or `scripts/disable-agent.sh <name>`, the name whole (not a prefix of another agent's). */
export function killCommandIn(runbook: string, name: string): 'nightshift' | 'script' | null {
  const end = '(?![a-z0-9-])';
  if (new RegExp(`nightshift(?:\\s+--home\\s+\\S+)?\\s+disable\\s+['"]?${escape(name)}${end}`).test(runbook))
    return 'nightshift';
  if (new RegExp(`scripts/disable-agent\\.sh\\s+['"]?${escape(name)}${end}`).test(runbook)) return 'script';
  return null;
}

function runbookTemplate(agent: AgentDefinition, home: HomeFacts, append: boolean): string {
  const file = `${home.root}/runbooks/${agent.name}.md`;
  const head = append
    ? ''
    : `# Runbook: ${agent.name}\n\n**What it does:** ${agent.description}\n**Owner:** ${agent.owner ?? home.user}\n\n`;
  return (
    `cat ${append ? '>>' : '>'} ${file} <<'EOF'\n${head}## Stop it now (one line)\n\n` +
    `    ${home.cli} disable ${agent.name} --reason "incident" && ${home.cli} kill ${agent.name}\nEOF`
  );
}

export function checkRunbook(agent: AgentDefinition, facts: AgentFacts, home: HomeFacts): CheckResult {
  const title = 'a runbook with a working kill command';
  if (facts.runbook === null) {
    return {
      id: 'runbook',
      ok: false,
      title,
      detail: `no runbooks/${agent.name}.md: in an incident nobody knows how to stop it`,
      fix: runbookTemplate(agent, home, false),
    };
  }
  const kill = killCommandIn(facts.runbook, agent.name);
  if (kill === 'nightshift')
    return {
      id: 'runbook',
      ok: true,
      title,
      detail: `runbooks/${agent.name}.md says \`nightshift disable ${agent.name}\``,
    };
  if (kill === 'script' && home.disableScript)
    return {
      id: 'runbook',
      ok: true,
      title,
      detail: `runbooks/${agent.name}.md says \`scripts/disable-agent.sh ${agent.name}\``,
    };
  return {
    id: 'runbook',
    ok: false,
    title,
    detail:
      kill === 'script'
        ? `runbooks/${agent.name}.md names scripts/disable-agent.sh, which is missing or not executable`
        : `runbooks/${agent.name}.md has no \`nightshift disable ${agent.name}\` (or \`scripts/disable-agent.sh ${agent.name}\`) line`,
    fix: runbookTemplate(agent, home, true),
  };
}

export function checkReview(agent: AgentDefinition, facts: AgentFacts, home: HomeFacts): CheckResult {
  const title = 'a review cadence, kept';
  const mark = `${home.cli} review   # then: ${home.cli} review mark ${agent.name} --note "…"`;
  if (agent.review === 'none') {
    return {
      id: 'review',
      ok: false,
      title,
      detail: 'review: none — unreviewed background agents rot',
      fix: `in ${agent.file}:\nreview: weekly\nthen: ${mark}`,
    };
  }
  const allowed = CADENCE_DAYS[agent.review] + REVIEW_SLACK_DAYS;
  const last = facts.lastReviewAt;
  if (last === null)
    return { id: 'review', ok: false, title, detail: `review: ${agent.review}, never reviewed`, fix: mark };
  const age = Math.floor((home.now.getTime() - last.getTime()) / DAY_MS);
  if (home.now.getTime() - last.getTime() <= allowed * DAY_MS)
    return { id: 'review', ok: true, title, detail: `review: ${agent.review}, last reviewed ${age} days ago` };
  return {
    id: 'review',
    ok: false,
    title,
    detail: `review: ${agent.review}, last reviewed ${age} days ago (${last.toISOString().slice(0, 10)}): allowed ${allowed} days`,
    fix: mark,
  };
}

/** The agent's input file as the fix's `cp` names it: as written when absolute or under `~`, else under the home; null when it reads none. */
function inputSource(input: string | undefined, homeRoot: string): string | null {
  if (input === undefined) return null;
  if (input.startsWith('/') || input.startsWith('~')) return input;
  return `${homeRoot}/${input}`;
}

export function checkEvals(agent: AgentDefinition, facts: AgentFacts, home: HomeFacts): CheckResult {
  const title = 'drift-eval cases (evals/<name>/)';
  const { valid, problems, dirExists } = facts.evalCases;
  if (valid.length > 0) {
    const broken = problems.length > 0 ? `; ${problems.length} broken: ${problems.join('; ')}` : '';
    return {
      id: 'evals',
      ok: true,
      title,
      detail: `${valid.length} case${valid.length === 1 ? '' : 's'}: ${valid.join(', ')}${broken}`,
    };
  }
  if (problems.length > 0) {
    return {
      id: 'evals',
      ok: false,
      title,
      detail: `no valid case: ${problems.join('; ')}`,
      fix: `correct the files named above, then: ${home.cli} eval ${agent.name} --baseline`,
    };
  }
  const dir = `${home.root}/evals/${agent.name}/typical`;
  const source = inputSource(agent.input?.path, home.root);
  const copy = source === null ? `# write a typical input to ${dir}/input.txt` : `cp ${source} ${dir}/input.txt`;
  return {
    id: 'evals',
    ok: false,
    title,
    detail: dirExists
      ? `evals/${agent.name}/ holds no case folder`
      : `no evals/${agent.name}/: model drift would go unnoticed`,
    fix: `mkdir -p ${dir}\n${copy}\nprintf 'expect_status: OK\\n' > ${dir}/case.yaml\n${home.cli} eval ${agent.name} --baseline`,
  };
}

export function checkAlertChannel(home: HomeFacts): CheckResult {
  const title = 'alerts reach a channel (notify: in nightshift.yaml)';
  if (home.channels.length > 0) return { id: 'alert_channel', ok: true, title, detail: home.channels.join(', ') };
  return {
    id: 'alert_channel',
    ok: false,
    title,
    detail: 'alerts only go to logs/alerts.jsonl, which nobody reads at 3 a.m.',
    fix:
      `add to ${home.root}/nightshift.yaml (a command gets each alert as JSON on stdin; or webhook: ` +
      'https://hooks.slack.com/services/…):\nnotify:\n  command: ["logger", "-t", "nightshift-alert"]',
  };
}

/** Who starts the agent's runs, when at most one scheduler does. */
function scheduledBy(agent: AgentDefinition, facts: AgentFacts, home: HomeFacts): string {
  if (facts.inCrontab)
    return home.cronDaemon === 'absent' ? 'the crontab, but no cron daemon is running to fire it' : 'the crontab';
  if (!agent.trigger) return 'manual only';
  return home.daemonLive ? 'the daemon' : 'neither is running now';
}

export function checkOneScheduler(agent: AgentDefinition, facts: AgentFacts, home: HomeFacts): CheckResult {
  const title = 'scheduled by the daemon or the crontab, not both';
  if (!(facts.inCrontab && home.daemonLive)) {
    return { id: 'one_scheduler', ok: true, title, detail: scheduledBy(agent, facts, home) };
  }
  return {
    id: 'one_scheduler',
    ok: false,
    title,
    detail: 'listed in the crontab block and the daemon is running: every due time starts it twice',
    fix: `keep one: ${home.cli} cron uninstall   (or stop \`nightshift daemon\` and keep the crontab)`,
  };
}
