import { runbook } from '../home/index.js';

/**
 * A new agent's runbook: the home's runbook template (what it does, owner,
 * trigger, the one-line kill command, where outputs and logs are), with a
 * line of what to do for every non-OK status the template leaves out, so the
 * person paged at 3 a.m. finds theirs.
 */
const MORE_STATUSES: Array<[status: string, advice: string]> = [
  ['ERROR', 'the agent itself reported a failure: its output says what went wrong.'],
  ['INCOMPLETE', 'part of the input could not be read; the output lists what is missing.'],
  [
    'TOOL_FAILED',
    'a tool call failed twice and the agent stopped: check the tool (file permissions, the server it calls).',
  ],
  [
    'SKIPPED',
    'no run happened on purpose: paused, disabled, global stop, budget spent, a run still in flight, or tools ' +
      'the file does not declare (invalid: fix it as `nightshift validate` says) — the reason says which ' +
      '(`nightshift status`).',
  ],
  [
    'KILLED',
    'an operator ended the run (`nightshift kill`, `x` in the console, `stop-all`); the reason says who and why, ' +
      'and `nightshift history` has the kill. No failure: it raises no alert.',
  ],
];

export function newAgentRunbook(options: Parameters<typeof runbook>[0]): string {
  const text = runbook(options);
  const missing = MORE_STATUSES.filter(([status]) => !text.includes(`**${status}**`));
  if (missing.length === 0) return text;
  const lines = missing.map(([status, advice]) => `   - **${status}** — ${advice}`);
  const anchor = text.indexOf('   - **MISSED**');
  if (anchor === -1) return `${text}\n## Other statuses\n\n${lines.map((l) => l.trim()).join('\n')}\n`;
  return `${text.slice(0, anchor)}${lines.join('\n')}\n${text.slice(anchor)}`;
}
