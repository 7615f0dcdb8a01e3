/** A runbook: what the agent does, who owns it, how to stop it in one line, how to investigate. */
export function runbook(options: {
  name: string;
  owner: string;
  description: string;
  trigger: string;
  home: string;
}): string {
  const { name, owner, description, trigger, home } = options;
  return `# Runbook: ${name}

**What it does:** ${description}
**Owner:** ${owner}
**Trigger:** ${trigger}
**Definition:** \`${home}/agents/${name}.md\`
**Outputs:** \`${home}/outputs/${name}/\` · **Audit trail:** \`${home}/logs/runs.jsonl\`

## Stop it now (one line)

\`\`\`sh
nightshift disable ${name} --reason "incident" && nightshift kill ${name}
\`\`\`

or, without remembering flags: \`${home}/scripts/disable-agent.sh ${name}\`.
In the console: select the row, \`d\` to disable, \`x\` to kill the run in flight.

## Investigate

1. \`nightshift logs ${name} --since 7d\` — the last runs, their status and reason.
2. Open the output of the run in question under \`outputs/${name}/\`.
3. By status:
   - **EMPTY** — the input was missing or empty: check what writes it.
   - **TOO_LARGE** — the input grew past \`input.max_bytes\`: find out why before raising the limit.
   - **UNEXPECTED_INPUT** — the input is binary or not what the agent expects: look at the offset named in the reason.
   - **PARTIAL** — malformed lines; they are listed under "Anomalies" in the output.
   - **TIMEOUT / CALL_LIMIT / COST_LIMIT / OUTPUT_LIMIT** — the harness stopped a runaway run; \`limit_hit\` says which value was crossed.
   - **NO_END / BAD_FORMAT** — the output broke the protocol or the expected format: the prompt or the model changed.
   - **RUNNER_FAILED / CRASHED** — the runner could not start or died: check the reason and the host.
   - **MISSED** — no run when one was due: is the scheduler up? (\`nightshift status\`)
4. \`nightshift history ${name}\` — what changed recently, by whom and why.

## Resume

\`nightshift enable ${name} --reason "fixed: …"\` once the cause is understood.
`;
}
