import { UsageError } from '../shared/index.js';
import type { OpenAlert } from './open-alerts.js';

/**
 * The open alert a person names on the command line (`nightshift ack X`):
 * its key as `check` and the console show it (`non_ok:inbox-digest`), else
 * the one open alert of an agent or of a rule, else the one key starting
 * with X. Pure. Naming none or several is a UsageError that lists the open
 * alerts with their keys, so the next try can be exact.
 */
export function findOpenAlert(open: Iterable<OpenAlert>, text: string): OpenAlert {
  const alerts = [...open].sort((a, b) => a.key.localeCompare(b.key));
  const exact = alerts.find((alert) => alert.key === text);
  if (exact) return exact;
  const tries: Array<[string, OpenAlert[]]> = [
    ['of agent', alerts.filter((alert) => alert.agent === text)],
    ['of rule', alerts.filter((alert) => alert.rule === text)],
    ['whose key starts with', alerts.filter((alert) => alert.key.startsWith(text))],
  ];
  for (const [how, found] of tries) {
    if (found.length === 1) return found[0] as OpenAlert;
    if (found.length > 1)
      throw new UsageError(
        `"${text}" names ${found.length} open alerts (${how} "${text}"); name one by its key:\n${list(found)}`,
        { field: 'alert', expected: 'one open alert key', actual: text, fix: `e.g. ${found[0]?.key ?? ''}` },
      );
  }
  throw new UsageError(
    alerts.length === 0
      ? `no alert is open, so "${text}" names none (\`nightshift check\` lists open alerts)`
      : `no open alert is "${text}": expected an alert key, or an agent or rule with one open alert. Open now:\n${list(alerts)}`,
    { field: 'alert', expected: alerts.map((alert) => alert.key).join(', ') || 'an open alert', actual: text },
  );
}

function list(alerts: readonly OpenAlert[]): string {
  return alerts.map((alert) => `  ${alert.key}  ${alert.severity}  ${alert.message}`).join('\n');
}
