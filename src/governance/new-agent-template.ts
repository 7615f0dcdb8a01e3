import type { RunnerKind } from '../agents/index.js';

/**
 * The agent file `nightshift new` writes: the shape of the example agent
 * (src/home/templates/example-agent.ts) for any name, runner and schedule,
 * every key with a comment saying what it does, and a prompt skeleton with
 * the five sections the doctor checks (identity, capability, scope lock,
 * output format with STATUS/END_OF_RUN, stop conditions).
 */
export const RUNNER_KINDS: readonly RunnerKind[] = ['extractive', 'claude', 'command', 'openai', 'anthropic'];

export interface NewAgentOptions {
  name: string;
  owner: string;
  description: string;
  runner: RunnerKind;
  /** checked before; null: no trigger (manual only) */
  cron: string | null;
  timezone: string;
  /** the date written in the header comment, YYYY-MM-DD */
  created: string;
}

const COMMENT_COLUMN = 38;

/** `key: value` padded so the comments line up: a file read top to bottom like a form. */
function line(text: string, comment: string): string {
  return `${text.padEnd(COMMENT_COLUMN - 1)} # ${comment}`;
}

function runnerLines(kind: RunnerKind, name: string): string[] {
  switch (kind) {
    case 'extractive':
      return [line('  kind: extractive', 'offline summarizer inside nightshift: no key, no network, $0')];
    case 'claude':
      return [
        line('  kind: claude', 'Claude Code headless (`claude -p`); needs the claude CLI and its login'),
        line('  model: claude-haiku-4-5', 'the cheapest model that does the job; cost follows it'),
      ];
    case 'command':
      return [
        line('  kind: command', 'any program: its stdout is the output, its last lines STATUS and END_OF_RUN'),
        line(`  command: ["scripts/${name}.sh"]`, 'argv (no shell); the input path is in $NIGHTSHIFT_INPUT'),
      ];
    case 'openai':
      return [
        line('  kind: openai', 'any OpenAI-compatible server: OpenAI, Ollama, vLLM, llama.cpp, LM Studio'),
        line('  base_url: http://127.0.0.1:11434/v1', 'here: a local Ollama; leave out for api.openai.com'),
        line('  model: llama3.1:8b', 'a model the server has; price it in nightshift.yaml if it is not in the table'),
        line('  api_key_env: OPENAI_API_KEY', 'the environment variable holding the key (never the key itself)'),
      ];
    case 'anthropic':
      return [
        line('  kind: anthropic', 'the Anthropic Messages API, called by the harness'),
        line('  model: claude-haiku-4-5', 'the cheapest model that does the job; cost follows it'),
        line('  api_key_env: ANTHROPIC_API_KEY', 'the environment variable holding the key (never the key itself)'),
      ];
  }
}

function triggerLines(name: string, cron: string | null, timezone: string): string[] {
  if (cron === null) {
    return [
      line('# trigger:', `none yet: it runs only when asked (\`nightshift run ${name}\`).`),
      line('#   cron: "0 7 * * *"', 'To schedule it, uncomment these lines, run `nightshift validate`'),
      line(`#   timezone: ${timezone}`, 'and have the change reviewed; later moves: `nightshift schedule`.'),
    ];
  }
  return [
    line('trigger:', 'when it runs: exactly one of cron | watch | when (none: manual only)'),
    line(
      `  cron: ${JSON.stringify(cron)}`,
      'minute hour day-of-month month day-of-week; change it with `nightshift schedule`',
    ),
    line(`  timezone: ${timezone}`, 'the zone the cron is read in'),
    line('  grace: 30m', 'not started by due time + grace → a MISSED alert'),
    line('  catch_up: once', 'after downtime: none, or once (one late run while within the deadline)'),
    line('  deadline: 6h', 'how late a catch-up run may still start'),
  ];
}

export function newAgentFile(options: NewAgentOptions): string {
  const { name, owner, description, runner, cron, timezone, created } = options;
  const front = [
    '---',
    `# ${name}: created by \`nightshift new\` on ${created} for ${owner}. Fill in the TODOs,`,
    `# then \`nightshift validate\`, \`nightshift doctor ${name}\` and \`nightshift eval ${name}\`.`,
    line(`name: ${name}`, 'must equal the file name: agents/<name>.md'),
    line(`description: ${JSON.stringify(description)}`, 'one sentence: what it does (the registry shows it)'),
    line(
      'tools: Read',
      'Claude Code tools: Read, Grep, Glob, LS only read; any other needs `writes: true` (WebFetch, WebSearch: `network: true`)',
    ),
    line(`owner: ${JSON.stringify(owner)}`, 'who answers for it: reviews it, fixes it, retires it'),
    ...triggerLines(name, cron, timezone),
    line('input:', 'the one file it may read (the scope lock, enforced by the harness)'),
    line(`  path: samples/${name}.txt`, 'relative to the home, or absolute; a symlink out of its folder is refused'),
    line('  max_bytes: 100KB', 'larger → TOO_LARGE, without a model call'),
    line('runner:', 'what does the work'),
    ...runnerLines(runner, name),
    line('limits:', 'enforced by the harness from outside: the first one crossed ends the run'),
    line('  time: 5m', 'wall time of one run'),
    line('  calls: 10', 'model calls (turns) of one run'),
    line('  cost_usd: 0.5', 'dollars one run may spend'),
    line('  output_bytes: 100KB', 'output one run may write'),
    line('budget:', 'per calendar month, in the home time zone'),
    line('  monthly_usd: 5', 'hard: reaching it pauses the agent until the next month'),
    line('  warn_at: 0.8', 'a budget warning alert at this share'),
    line('alerts:', 'what raises an alert besides a non-OK run or a missed one'),
    line('  cost_over_usd: 0.25', 'one run costing more than this'),
    line('  output_drop: 0.5', 'output under this share of the median of the last OK runs'),
    line('  failures_before_alert: 1', 'consecutive non-OK runs before alerting'),
    line('output:', 'what an OK output must look like'),
    line('  expect: { bullets: 3, max_words: 500 }', 'checked by the harness: an OK run failing it is BAD_FORMAT'),
    line('retention: daily', 'outputs kept 90 days, then archived (weekly: 1 year, quarterly: forever)'),
    line('review: weekly', 'how often a person reads its outputs: `nightshift review`'),
    line('risk:', 'the five-question test, answered before it runs unsupervised'),
    line(
      `  worst_hour: "It writes wrong or empty summaries into outputs/${name}/; read-only, it changes nothing else."`,
      'worst thing in an hour of runaway',
    ),
    line('  recovery_cost: "Minutes: re-read the input by hand."', 'what that costs to recover from'),
    line('  detection: "Non-OK status, output-size and cost alerts; the weekly review."', 'how we would notice'),
    line(
      `  stop: "nightshift disable ${name} (or scripts/disable-agent.sh ${name})"`,
      'how fast it stops: one command',
    ),
    line('  worth_it: "TODO: why its output is worth running it unsupervised."', 'is the upside worth the risk?'),
    '---',
  ];
  return `${front.join('\n')}\n${promptSkeleton(name, description)}`;
}

export function promptSkeleton(name: string, description: string): string {
  return `# Identity
You are ${name}. You run in the background with nobody watching; a person reads
your output later. Your job: ${description}

# Capability
TODO: what you do with the input, step by step, and for whom. Read the input file,
then summarize it in exactly three bullets of what matters most.

# Scope lock
You will only:
- Read the one input file you are given.
- Write the output below.

You will not:
- Read any other file, run commands or make network calls.
- Modify or create any file.
- Write more than 500 words.

# Output format
\`\`\`
Summary ({date}):
- [first bullet]
- [second bullet]
- [third bullet]
STATUS: OK
END_OF_RUN
\`\`\`

# Stop conditions
- The input is missing or empty: write "Summary ({date}): (nothing to summarize)", then STATUS: EMPTY and END_OF_RUN.
- The input is larger than 100KB: do not summarize; write STATUS: TOO_LARGE and END_OF_RUN.
- The input is not what you expect (binary, another format): describe it in one line, then STATUS: UNEXPECTED_INPUT and END_OF_RUN.
- Some lines are malformed: summarize the rest, list them under "Anomalies:", then STATUS: PARTIAL and END_OF_RUN.
- A tool call fails twice: write the error, then STATUS: TOOL_FAILED and END_OF_RUN. Do not keep retrying.

Every run ends with one STATUS line and then END_OF_RUN, with nothing after them. No exceptions.
`;
}
