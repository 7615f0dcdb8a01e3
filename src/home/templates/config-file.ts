/**
 * nightshift.yaml as `init` writes it: every default spelled out, with why.
 * A home that made choices (the demo fleet) gets the same file with those
 * choices written in, each with its reason, so the two never drift apart.
 */
export interface ConfigChoices {
  /** who the home is for, in the first line: "home-wide settings for the demo fleet" */
  title?: string;
  /** a sentence after the defaults' limits comment, e.g. that every agent sets its own */
  limitsNote?: string;
  /** defaults.alerts.cost_over_usd set rather than left as a comment */
  costOverUsd?: number;
  /** notify.command set, with why (comment lines) */
  notifyCommand?: { argv: readonly string[]; why: readonly string[] };
  /** prices rows ("model": "{ input: 0, output: 0 }") with why (comment lines) */
  prices?: { why: readonly string[]; rows: Readonly<Record<string, string>> };
}

export function configFile(timezone: string, choices: ConfigChoices = {}): string {
  const limitsNote = choices.limitsNote ? `\n  # ${choices.limitsNote}` : '';
  const costOver =
    choices.costOverUsd === undefined
      ? '    # cost_over_usd: 1        # one run costing more raises an alert'
      : `    cost_over_usd: ${choices.costOverUsd}          # one run costing more raises an alert`;
  const notify = choices.notifyCommand
    ? `${choices.notifyCommand.why.map((line) => `  # ${line}`).join('\n')}\n  command: ${JSON.stringify(choices.notifyCommand.argv).replaceAll('","', '", "')}`
    : '  # command: ["notify-send", "nightshift"]    # gets the alert as JSON on stdin';
  const prices = choices.prices
    ? '# Prices in USD per million tokens, overriding the built-in table.\n' +
      `${choices.prices.why.map((line) => `# ${line}`).join('\n')}\nprices:\n` +
      `${Object.entries(choices.prices.rows)
        .map(([model, price]) => `  ${JSON.stringify(model)}: ${price}`)
        .join('\n')}`
    : '# Prices in USD per million tokens, overriding the built-in table, e.g.:\n# prices:\n#   my-local-model: { input: 0, output: 0 }\nprices: {}';
  return `# nightshift.yaml — ${choices.title ?? 'home-wide settings'}. Every key is optional; these are the defaults.

# Time zone for cron triggers without their own, for output names and for month
# boundaries of budgets.
timezone: ${timezone}

defaults:
  # Limits for agents that do not set their own. The harness enforces them from
  # outside the agent: the first one crossed ends the run.${limitsNote}
  limits:
    time: 5m
    calls: 10           # model calls per run
    tool_calls: 50
    cost_usd: 2
    output_bytes: 100KB
  input_max_bytes: 1MB  # an input larger than this is TOO_LARGE, no model call
  grace: 30m            # a cron run not started by due + grace is MISSED
  deadline: 6h          # catch_up: once runs a missed slot only within this
  alerts:
    output_drop: 0.5          # output below half the median of the last OK runs
    failures_before_alert: 1  # consecutive non-OK runs before alerting
${costOver}

harness:
  kill_grace: 3s        # between SIGTERM and SIGKILL when a run is ended

alerts:
  realert: 8h           # an open alert is sent again at most this often
  lookback: 7d          # how far back missed runs are looked for

notify:
  # Alerts always go to logs/alerts.jsonl. Add channels here:
${notify}
  # webhook: https://hooks.slack.com/services/…  # POST with a Slack-compatible "text"
  # healthchecks:
  #   url: https://hc-ping.com/<ping-key>/{agent}   # /start, success, /fail per run
  timeout: 10s

# Secrets never reach a log, an output or an alert, whole or in part: the values
# of variables named *_KEY, *_TOKEN, *_SECRET or *_PASSWORD and of the runners'
# key variables (runner.api_key_env). Name any other secret variable here.
secrets:
  env: []               # e.g. [DATABASE_URL, SENTRY_DSN]

${prices}
`;
}
