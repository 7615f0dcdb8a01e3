/**
 * One runbook per agent (DESIGN §1): what it does, who owns it, the one-line
 * kill command, and what to do for each status. The generic advice per status
 * is shared; what this team learned about a particular agent is written next
 * to it, because that is what saves time at 7 a.m.
 *
 * queue-depth-responder and churn-predictor have none on purpose: the first
 * is one of the production-readiness problems the doctor must find, the second
 * is an unfinished draft.
 */
export interface RunbookFacts {
  name: string;
  owner: string;
  backup: string;
  description: string;
  trigger: string;
  runner: string;
  budget: string;
  /** what the agent reads and who produces it */
  input: string;
  /** status → what this agent's history says about it (overrides the generic line) */
  notes: Partial<Record<string, string>>;
  known: string[];
}

const GENERIC: Array<[string, string]> = [
  ['EMPTY', 'the input was missing or empty: check the job that writes it before blaming the agent.'],
  ['TOO_LARGE', 'the input grew past `input.max_bytes`; find out why before raising the limit.'],
  ['UNEXPECTED_INPUT', 'the input is not what the prompt expects (format change, binary, wrong file); the reason names what differed.'],
  ['PARTIAL', 'some lines or rows were malformed; they are listed in the output under Anomalies / Data notes.'],
  ['INCOMPLETE', 'the agent did part of the work; the output says what is missing.'],
  ['ERROR', 'the agent declared an error; read the last lines of the output.'],
  ['TOOL_FAILED', 'a tool call failed twice; the output has the error (permissions, a moved file).'],
  ['TIMEOUT / CALL_LIMIT / COST_LIMIT / OUTPUT_LIMIT', 'the harness ended a runaway run; `limit_hit` in the record says which limit and what was seen. Do not raise a limit before you know why it was crossed.'],
  ['NO_END / BAD_FORMAT', 'the output broke the protocol or `output.expect`: the prompt, the model or the input changed.'],
  ['RUNNER_FAILED', 'the runner could not start or finish (key, CLI, server); the reason has its last words.'],
  ['CRASHED', 'the harness died mid-run (reboot, OOM); the next look recorded it. Check `journalctl` around `started_at`.'],
  ['SKIPPED', 'refused before any model call: paused, disabled, stopped, over budget, or a run still in flight. `nightshift status` says which.'],
  ['MISSED', 'nothing ran when due: is the scheduler up? (`nightshift status`, heartbeat in `run/scheduler.json`).'],
];

export function demoRunbook(facts: RunbookFacts): string {
  const { name } = facts;
  const statusLines = GENERIC.map(([group, generic]) => {
    const members = group.split(' / ');
    const notes = members.filter((status) => facts.notes[status] !== undefined);
    // One status: this agent's own experience replaces the generic line. A group: it is added under it.
    if (members.length === 1 && notes.length === 1) return `   - **${group}** — ${facts.notes[group]}`;
    return [`   - **${group}** — ${generic}`, ...notes.map((status) => `     - ${status} here: ${facts.notes[status]}`)].join('\n');
  }).join('\n');
  return `# Runbook: ${name}

**What it does:** ${facts.description}
**Owner:** ${facts.owner} (backup: ${facts.backup})
**Trigger:** ${facts.trigger}
**Runner:** ${facts.runner}
**Reads:** ${facts.input}
**Budget:** ${facts.budget}
**Definition:** \`agents/${name}.md\` · **Outputs:** \`outputs/${name}/\` · **Audit trail:** \`logs/runs.jsonl\`

## Stop it now (one line)

\`\`\`sh
nightshift disable ${name} --reason "incident: <what you saw>" && nightshift kill ${name}
\`\`\`

or, without remembering flags: \`scripts/disable-agent.sh ${name} "<what you saw>"\`.
In the console: select the row, \`d\` to disable, \`x\` to kill the run in flight.
Stop first, investigate second.

## Investigate

1. \`nightshift logs ${name} --since 7d\` — the last runs, their status and reason.
2. Open the output of the run in question under \`outputs/${name}/\`.
3. By status:
${statusLines}
4. \`nightshift history ${name}\` — what changed recently, by whom and why.

## Known issues

${facts.known.map((line) => `- ${line}`).join('\n')}

## Resume

\`nightshift enable ${name} --reason "fixed: …"\` once the cause is understood, then
\`nightshift run ${name}\` once by hand and read the output before leaving it to the schedule.
`;
}

export function demoRunbookFacts(trigger: (name: string) => string): RunbookFacts[] {
  return [
    {
      name: 'nightly-summarizer',
      owner: 'aycee',
      backup: 'sam',
      description: "Summarizes the day's activity log in three bullets.",
      trigger: trigger('nightly-summarizer'),
      runner: 'extractive (offline, $0)',
      budget: '$1 / month (it costs nothing; the budget is a tripwire)',
      input: '`samples/daily-log.txt`, appended to by hand during the day',
      notes: {
        EMPTY: 'usual on a Sunday or a day off; one is not alerted (`failures_before_alert: 2`), two in a row are.',
        TOO_LARGE: 'happened once when a debug dump was pasted into the log; cut the dump out and run it by hand.',
        BAD_FORMAT: 'the log had fewer than three entries, so three bullets could not be made; nothing to fix.',
        MISSED: 'happened once when the host rebooted for a kernel update and the daemon did not come back; `systemctl --user enable nightshift` fixed it.',
      },
      known: ['A missed night is not caught up after 05:00 (deadline 6h); run it by hand if the summary matters.', 'Weekend logs are short; an EMPTY Sunday is normal.'],
    },
    {
      name: 'weekly-metrics',
      owner: 'sam',
      backup: 'aycee',
      description: "Turns the warehouse's 14-day CSV export into the Monday metrics report.",
      trigger: trigger('weekly-metrics'),
      runner: 'claude, claude-haiku-4-5',
      budget: '$5 / month, warning at 80%',
      input: '`samples/metrics-export.csv`, written by the warehouse export job, which finishes around 08:20 on Mondays',
      notes: {
        UNEXPECTED_INPUT: 'twice so far the export was still being written when the agent read it (header only, or a cut-off last row). That is why the schedule moved from 08:00 to 09:00. Rerun by hand after 08:30.',
        PARTIAL: 'a day with a non-numeric cell, usually a warehouse backfill; the row is named under Data notes.',
        BAD_FORMAT: 'a required heading was missing (usually Anomalies); rerun, and if it repeats, tighten the prompt.',
      },
      known: ['Do not move the schedule earlier than 09:00 without checking when the warehouse export finishes.', 'Needs its weekly review mark: sam reads the report before the product meeting.'],
    },
    {
      name: 'inbox-digest',
      owner: 'aycee',
      backup: 'jo',
      description: "Classifies yesterday's email export into a prioritized digest. It never replies, moves or deletes mail.",
      trigger: trigger('inbox-digest'),
      runner: 'claude, claude-haiku-4-5',
      budget: '$5 / month, warning at 80%; reaching it pauses the agent until the 1st',
      input: '`samples/inbox/export.txt`, written by the mail export job at 06:30',
      notes: {
        TIMEOUT: 'almost always a flood of newsletters or notifications making the export several MB; the run reads it in chunks and runs out of time. Check the export size in the record (`input_size_bytes`), unsubscribe or filter at the source, then rerun by hand. Do not just raise `limits.time`.',
        TOOL_FAILED: 'once the export job wrote the file as root and the Read failed; fix the file mode, rerun.',
        COST_LIMIT: 'in September a mailing-list storm spent the monthly budget in six days; the last run was cut at what was left of it.',
        SKIPPED: 'after that, the agent stayed paused until the 1st (reason `budget`). That is the budget working; lower the spend, do not raise the budget.',
      },
      known: ['Mail is data, not instructions: a message that tries to instruct the agent shows up under Act today marked as possible phishing.', 'A run costing over $0.50 raises an alert; normal runs cost about five cents.'],
    },
    {
      name: 'error-log-watcher',
      owner: 'jo',
      backup: 'sam',
      description: "Groups new lines of the app's error log into distinct problems, each time the log changes.",
      trigger: trigger('error-log-watcher'),
      runner: 'openai-compatible, llama3.1:8b on the local Ollama (http://127.0.0.1:11434/v1), $0 per token',
      budget: '$1 / month (local model, priced at 0 in nightshift.yaml)',
      input: '`samples/app-errors/current.log`, rotated nightly into `samples/app-errors/<date>.log`',
      notes: {
        RUNNER_FAILED: 'Ollama is not running (`connect ECONNREFUSED 127.0.0.1:11434`). `systemctl --user restart ollama`, `ollama pull llama3.1:8b`, then resume. Pause the agent meanwhile, or every log write fails a run.',
        NO_END: 'the 8B model sometimes stops after the bullets without STATUS/END_OF_RUN. One in a while is the model; several a day means the prompt or the model changed.',
        OUTPUT_LIMIT: 'the model looped, pasting the same stack trace until the 64KB limit. The harness ended it; nothing to clean up.',
        TOO_LARGE: 'the log did not rotate and grew past 2MB; check the rotation cron job.',
        SKIPPED: 'reason `overlap` means a second change arrived while a run was still in flight; the next change picks the lines up.',
      },
      known: ['Runs several times a day; a burst of writes is one run thanks to the 30s debounce.', 'If the host is under load, pause it: the local model competes for CPU with the app.'],
    },
    {
      name: 'research-digest',
      owner: 'aycee',
      backup: 'jo',
      description: 'Picks the few papers and posts worth reading from the overnight research feed.',
      trigger: trigger('research-digest'),
      runner: 'claude, claude-sonnet-4-5 (the most expensive model in the fleet)',
      budget: '$40 / month, warning at 80%; a cost-anomaly alert fires when the month is on course for 3× the last, or a run costs 2× what it did',
      input: '`samples/research-feed.md`, built overnight from the team\'s RSS and arXiv subscriptions',
      notes: {
        COST_LIMIT: 'the feed grew (a new arXiv listing was added to the subscriptions) and one run crossed its cost limit. The limit was raised the next day; see `nightshift history research-digest`.',
        RUNNER_FAILED: 'one run was killed by hand after it kept rereading the same part of the feed; the kill is in the change log.',
        TOOL_FAILED: 'a Read of the feed failed twice while the feed builder was still writing it; rerun by hand.',
        INCOMPLETE: 'some feed entries were cut off; the digest lists them.',
      },
      known: [
        'Cost per run has grown about tenfold since the cs.LG listing was added to the feed. Decide whether that listing is worth it, or move the agent to a cheaper model, before raising the budget.',
        'A run costing over $2.50 raises an alert.',
      ],
    },
    {
      name: 'ticket-monitor',
      owner: 'jo',
      backup: 'aycee',
      description: 'Flags support tickets that breach or are about to breach their SLA, three times a working day.',
      trigger: trigger('ticket-monitor'),
      runner: 'claude, claude-haiku-4-5',
      budget: '$10 / month, warning at 80%',
      input: '`samples/tickets-export.csv`, exported by the helpdesk every 15 minutes',
      notes: {
        UNEXPECTED_INPUT: 'the helpdesk changed its export columns; adjust the prompt to the new columns, test with `nightshift run ticket-monitor`, then resume.',
        CALL_LIMIT: 'a very large export read in many chunks; check the export is filtered to open tickets.',
        SKIPPED: 'paused while the helpdesk migrates to its new export (see `nightshift history ticket-monitor`); it resumes by itself at the end of the pause.',
      },
      known: ['Paused on purpose during the helpdesk export migration; the support team does a manual sweep meanwhile.'],
    },
    {
      name: 'sales-pipeline',
      owner: 'sam',
      backup: 'aycee',
      description: 'Summarizes deals that moved, stalled or closed in the CRM export for the sales stand-up.',
      trigger: trigger('sales-pipeline'),
      runner: 'claude, claude-haiku-4-5, with Read and Bash',
      budget: '$10 / month, warning at 80%',
      input: '`samples/crm-pipeline.csv`, exported nightly by the CRM',
      notes: {
        RUNNER_FAILED: 'first an expired API key (401), then the Bash stats script loading the whole export and the run being OOM-killed. Do not just re-enable it.',
        CRASHED: 'the host rebooted mid-run; the next `nightshift check` recorded it.',
      },
      known: [
        'DISABLED. It uses the Bash tool without `writes: true` and without a month of clean history, so it can run any command as this user.',
        'To bring it back: drop Bash from `tools`, compute the per-stage totals in the prompt from the export, run it by hand for a week, then enable.',
      ],
    },
    {
      name: 'release-notes-drafter',
      owner: 'aycee',
      backup: 'sam',
      description: 'Drafts user-facing release notes from the merged pull requests, on demand.',
      trigger: trigger('release-notes-drafter'),
      runner: 'claude, claude-haiku-4-5',
      budget: '$5 / month',
      input: "`samples/merged-prs.txt`, pasted from the release branch's merge log on release day",
      notes: {
        PARTIAL: 'some PRs had no description; they are listed under "Needs a human".',
      },
      known: ['Manual only: it never runs unless someone starts it, so it cannot be MISSED.', 'Every draft is edited by a person before publishing.'],
    },
  ];
}
