import { usd } from '../fleet/index.js';
import { formatTable, type Column } from '../text/index.js';
import { localDay, localMinute } from './history-time.js';
import type { Registry, RegistryRow, RetiredRow } from './registry-rows.js';

/** The registry as a terminal table and as the REGISTRY.md a team keeps next to its agents. */

export function stateText(row: RegistryRow, timezone: string): string {
  if (row.state === 'paused' && row.pausedUntil) return `paused until ${localMinute(row.pausedUntil, timezone)}`;
  return row.state;
}

export function costPerRunText(row: RegistryRow): string {
  if (row.costPerRun.usd === null) return '—';
  return `${usd(row.costPerRun.usd)}${row.costPerRun.basis === 'days' ? '*' : ''}`;
}

export function lastReviewText(row: RegistryRow, timezone: string): string {
  const mark = row.lastReview;
  if (!mark) return row.reviewCadence === 'none' ? 'not reviewed (review: none)' : 'never';
  return `${localDay(mark.at, timezone)} by ${mark.by}${mark.concern ? ' ⚑ concern' : ''}`;
}

export function renderRegistryText(registry: Registry, width = 120): string {
  const tz = registry.timezone;
  const columns: Column<RegistryRow>[] = [
    { header: 'AGENT', value: (row) => row.name },
    { header: 'OWNER', value: (row) => row.owner ?? '—' },
    { header: 'TRIGGER', value: (row) => row.trigger, shrink: true, min: 16 },
    // a median, not `costs`' month total over its runs: one dear run in thirty does not move it
    { header: 'MEDIAN $/RUN', value: costPerRunText, align: 'right' },
    { header: 'MONTH', value: (row) => usd(row.monthToDate), align: 'right' },
    { header: 'STATE', value: (row) => stateText(row, tz) },
    { header: 'LAST REVIEW', value: (row) => lastReviewText(row, tz) },
  ];
  const lines = [formatTable(registry.rows, columns, width), '', summaryLine(registry)];
  if (registry.retired.length > 0) lines.push('', ...retiredText(registry, width));
  if (registry.rows.some((row) => row.costPerRun.basis === 'days'))
    lines.push("* median of daily cost per run (busy agents); otherwise the median of the last 30 days' runs");
  for (const row of registry.rows.filter((r) => r.state === 'invalid' || r.state === 'error'))
    lines.push(`✗ ${row.problem ?? `${row.file}: invalid`}`);
  for (const row of registry.rows.filter((r) => r.runbook === null))
    lines.push(
      `! ${row.name} has no runbook: write runbooks/${row.name}.md (what it does, how to stop it, how to investigate)`,
    );
  return lines.join('\n');
}

function retiredText(registry: Registry, width: number): string[] {
  const tz = registry.timezone;
  const columns: Column<RetiredRow>[] = [
    { header: 'RETIRED', value: (row) => row.name },
    { header: 'OWNER', value: (row) => row.owner ?? '—' },
    { header: 'SINCE', value: (row) => (row.since ? localDay(row.since, tz) : '—') },
    { header: 'BY', value: (row) => row.by ?? '—' },
    { header: 'REASON', value: (row) => row.reason ?? '—', shrink: true, min: 16 },
  ];
  return [
    formatTable(registry.retired, columns, width),
    `${registry.retired.length} retired: files under retired/, history kept (logs, costs); \`nightshift unretire <agent>\` brings one back`,
  ];
}

function summaryLine(registry: Registry): string {
  const order = ['running', 'enabled', 'paused', 'disabled', 'stopped', 'invalid', 'error'] as const;
  const states = order
    .filter((state) => registry.totals.byState[state])
    .map((state) => `${registry.totals.byState[state]} ${state}`);
  const stop = registry.globalStop ? ' · GLOBAL STOP IS ON' : '';
  return (
    `${registry.totals.agents} agent${registry.totals.agents === 1 ? '' : 's'}: ${states.join(', ') || 'none'} ` +
    `· ${usd(registry.totals.monthToDate)} in ${registry.month}${stop}`
  );
}

function oneLine(text: string): string {
  return text.replace(/\s*\r?\n\s*/g, ' ');
}

function withStop(text: string): string {
  return text === '' || /[.!?]$/.test(text.trim()) ? text : `${text}.`;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** A markdown table cell: pipes escaped, one line. */
function cell(text: string): string {
  return text
    .replace(/\\/g, '\\\\')
    .replace(/\|/g, '\\|')
    .replace(/\s*\r?\n\s*/g, ' ');
}

export function renderRegistryMarkdown(registry: Registry): string {
  const tz = registry.timezone;
  const out: string[] = [
    '# Background agent registry',
    '',
    `What runs in this nightshift home, generated ${localMinute(registry.generatedAt, tz)} ${tz} by \`nightshift registry --markdown --write\`.`,
    'Regenerate it whenever an agent is added, changed or retired (within 24 hours); do not edit it by hand.',
    '',
    '| Agent | Owner | Trigger | Median cost/run | Month-to-date | State | Last review |',
    '|---|---|---|--:|--:|---|---|',
  ];
  for (const row of registry.rows) {
    const trigger = row.cron ? `${row.trigger} (\`${row.cron}\`)` : row.trigger;
    const cells = [
      row.name,
      row.owner ?? '—',
      trigger,
      costPerRunText(row),
      usd(row.monthToDate),
      stateText(row, tz),
      lastReviewText(row, tz),
    ];
    out.push(`| ${cells.map(cell).join(' | ')} |`);
  }
  out.push('', summaryLine(registry), '');
  if (registry.rows.some((row) => row.costPerRun.basis === 'days'))
    out.push(
      "Cost/run is the median cost of the last 30 days' runs; * marks busy agents, where it is the median of each day's cost per run.",
      '',
    );
  out.push('## What each agent does', '');
  for (const row of registry.rows) {
    const runner = row.runner ? ` (${row.runner}${row.model ? `, ${row.model}` : ''})` : '';
    const what =
      row.state === 'invalid' || row.state === 'error'
        ? `${row.state} — ${row.problem ?? row.file}`
        : (row.description ?? '(no description)');
    const why = row.stateReason ? ` ${capitalize(row.state)} by ${row.stateBy ?? '?'}: ${row.stateReason}` : '';
    const runbook = row.runbook
      ? `Runbook: \`${row.runbook}\`.`
      : '**No runbook** — write one (what it does, how to stop it, how to investigate).';
    out.push(`- **${row.name}**${runner}: ${oneLine(withStop(what))}${oneLine(withStop(why))} ${runbook}`);
  }
  if (registry.retired.length > 0) {
    out.push('', '## Retired agents', '', '| Agent | Owner | Retired | By | Reason |', '|---|---|---|---|---|');
    for (const row of registry.retired)
      out.push(
        `| ${[row.name, row.owner ?? '—', row.since ? localDay(row.since, tz) : '—', row.by ?? '—', row.reason ?? '—'].map(cell).join(' | ')} |`,
      );
    out.push('', 'Their files are under `retired/`; their runs stay in the journals and in `nightshift costs`.');
  }
  out.push(
    '',
    'Stop any agent at once: `nightshift disable <agent> --reason "…"` (or `scripts/disable-agent.sh ' +
      '<agent>`), then `nightshift kill <agent>` for a run in flight.',
    '',
  );
  return out.join('\n');
}
