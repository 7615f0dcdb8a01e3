/** nightshift.yaml as \`init\` writes it: every default spelled out, with why. */
export function configFile(timezone: string): string {
  return `# nightshift.yaml — home-wide settings. Every key is optional; these are the defaults.

# Time zone for cron triggers without their own, for output names and for month
# boundaries of budgets.
timezone: ${timezone}

defaults:
  # Limits for agents that do not set their own. The harness enforces them from
  # outside the agent: the first one crossed ends the run.
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
    # cost_over_usd: 1        # one run costing more raises an alert

harness:
  kill_grace: 3s        # between SIGTERM and SIGKILL when a run is ended

alerts:
  realert: 8h           # an open alert is sent again at most this often
  lookback: 7d          # how far back missed runs are looked for

notify:
  # Alerts always go to logs/alerts.jsonl. Add channels here:
  # command: ["notify-send", "nightshift"]    # gets the alert as JSON on stdin
  # webhook: https://hooks.slack.com/services/…  # POST with a Slack-compatible "text"
  # healthchecks:
  #   url: https://hc-ping.com/<ping-key>/{agent}   # /start, success, /fail per run
  timeout: 10s

# Secrets never reach a log, an output or an alert, whole or in part: the values
# of variables named *_KEY, *_TOKEN, *_SECRET or *_PASSWORD and of the runners'
# key variables (runner.api_key_env). Name any other secret variable here.
secrets:
  env: []               # e.g. [DATABASE_URL, SENTRY_DSN]

# Prices in USD per million tokens, overriding the built-in table, e.g.:
# prices:
#   my-local-model: { input: 0, output: 0 }
prices: {}
`;
}
