/**
 * The demo home's nightshift.yaml: init's layout and comments, with the
 * choices this team made — Berlin time, an alert command so alerts reach a
 * person and not only the journal, and a zero price for the local model.
 */
export function demoConfigFile(timezone: string): string {
  return `# nightshift.yaml — home-wide settings for the demo fleet.
# Every key is optional; an agent's own file wins over these defaults.

# Time zone for cron triggers without their own, for output names and for the
# month boundaries of budgets.
timezone: ${timezone}

defaults:
  # Limits for agents that do not set their own. The harness enforces them from
  # outside the agent: the first one crossed ends the run. Every agent in this
  # fleet sets its own; these are the safety net for a new file.
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
    cost_over_usd: 1          # one run costing more raises an alert

harness:
  kill_grace: 3s        # between SIGTERM and SIGKILL when a run is ended

alerts:
  realert: 8h           # an open alert is sent again at most this often
  lookback: 7d          # how far back missed runs are looked for

notify:
  # Alerts always go to logs/alerts.jsonl. This host forwards them to syslog,
  # where the team's log shipper picks them up and pages whoever is on call.
  # The command gets each alert as one JSON object on stdin.
  command: ["logger", "-t", "nightshift-alert"]
  # webhook: https://hooks.slack.com/services/…  # POST with a Slack-compatible "text"
  timeout: 10s

# Prices in USD per million tokens, overriding the built-in table.
# error-log-watcher runs llama3.1:8b on the local Ollama: it costs nothing per
# token, and without this row it would be priced at the (dear) fallback rate.
prices:
  "llama3.1:8b": { input: 0, output: 0 }
`;
}
