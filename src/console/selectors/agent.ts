import { type AgentHookCounts, describeRefusals, refusedTotal } from '../../daemon/index.js';
import { own, usdSet } from '../../shared/index.js';
import { formatDuration, formatSize } from '../../agents/index.js';
import { type FleetAgent, nextLabel, relativeTime, runDuration, usd } from '../../fleet/index.js';
import type { RunRecord } from '../../journal/index.js';
import { fit, oneLine, plural, sparkline, wrapText } from '../format.js';
import type { AgentDetail, AgentTab, ConsoleState } from '../state/types.js';
import { ALERT_COLOR, ALERT_RANK, type Line } from './cells.js';
import { monthSegment, stateCell, statusSegment } from './fleet.js';
import { textLines } from './text.js';

/**
 * The agent view as lines: its definition at a glance, sparklines of the last
 * runs, open alerts, then one of three panels (runs, last output, changes).
 */
export interface RunRow {
  line: Line;
  sig: string;
}

/** `readonly`: no mention of an action (the console's --readonly hides every one). */
export function definitionLines(
  agent: FleetAgent,
  now: number,
  startedHere: number | undefined,
  readonly = false,
  webhooks: AgentHookCounts | null = null,
): Line[] {
  const date = new Date(now);
  const state = stateCell(agent, now, startedHere);
  const first: Line = [{ text: agent.name, bold: true }, { text: '  ' }, state];
  const op = agent.operator;
  if (op.state !== 'enabled') {
    const until = op.paused_until ? ` until ${relativeTime(op.paused_until, date).replace(/^in /, 'in ')}` : '';
    first.push({
      text: ` by ${op.by ?? '?'} ${relativeTime(op.since, date)}${until}${op.reason ? `: ${oneLine(op.reason)}` : ''}`,
      color: state.color,
    });
  } else if (agent.description) first.push({ text: ` — ${oneLine(agent.description)}`, dim: true });
  const def = agent.definition;
  // an invalid agent's problems take the place of its sparklines (problemLines)
  if (!def)
    return [
      first,
      [
        {
          text: `${agent.file}: ${plural(agent.problems.length, 'problem')}${readonly ? '' : ' · e opens it in $EDITOR'}`,
          dim: true,
        },
      ],
    ];
  const runner = [def.runner.kind, def.model].filter(Boolean).join('/');
  const second: Line = [
    { text: 'owner ', dim: true },
    { text: agent.owner ?? '—' },
    { text: ' · trigger ', dim: true },
    { text: agent.trigger },
    { text: ' · next ', dim: true },
    { text: nextLabel(agent, now) },
    { text: ' · runner ', dim: true },
    { text: runner },
    { text: ' · tools ', dim: true },
    { text: def.tools.length > 0 ? def.tools.join(', ') : 'none' },
  ];
  if (def.writes) second.push({ text: ' (writes)', color: 'yellow' });
  // a webhook agent's requests: refusals are the sign of a wrong secret, a prober or a sender over its rate
  if (webhooks) {
    const refused = refusedTotal(webhooks);
    // beside the trigger, not at the end of the line, where a narrow terminal would cut it off
    second.splice(
      6,
      0,
      { text: ' · hooks ', dim: true },
      { text: describeRefusals(webhooks), ...(refused > 0 ? { color: 'yellow' as const } : {}) },
    );
  }
  const limits = def.limits;
  const third: Line = [
    { text: 'limits ', dim: true },
    {
      text: `${formatDuration(limits.time)} · ${plural(limits.calls, 'call')} · ${usd(limits.cost_usd)}/run · ${formatSize(limits.output_bytes)} out`,
    },
    { text: ' · month ', dim: true },
    monthSegment(agent, 8),
    { text: agent.cost.budget !== null ? ` of ${usdSet(agent.cost.budget)}` : ' (no budget)' },
    { text: ` · last month ${usd(agent.cost.lastMonth)}`, dim: true },
  ];
  return [first, second, third];
}

function sparkRow(label: string, values: number[], show: (v: number) => string): Line {
  if (values.length === 0)
    return [
      { text: fit(label, 9), dim: true },
      { text: 'no runs yet', dim: true },
    ];
  const last = values[values.length - 1] as number;
  return [
    { text: fit(label, 9), dim: true },
    { text: sparkline(values), color: 'cyan' },
    { text: `  last ${show(last)} · max ${show(Math.max(...values))}`, dim: true },
  ];
}

/** Cost, duration and output size over the last 30 runs, oldest to newest; refusals (SKIPPED) left out. */
export function sparklineLines(detail: AgentDetail | undefined): Line[] {
  if (!detail) return [[{ text: 'reading its runs…', dim: true }], [], []];
  const runs = detail.runs.filter((run) => run.status !== 'SKIPPED').reverse();
  return [
    sparkRow(
      'cost',
      runs.map((r) => r.cost_usd),
      (v) => usd(v),
    ),
    sparkRow(
      'duration',
      runs.map((r) => r.duration_ms),
      (v) => runDuration(v),
    ),
    sparkRow(
      'output',
      runs.map((r) => r.output_size_bytes),
      (v) => formatSize(v),
    ),
  ];
}

export function alertLines(agent: FleetAgent, now: number, max: number): Line[] {
  const alerts = [...agent.openAlerts].sort((a, b) => ALERT_RANK[a.severity] - ALERT_RANK[b.severity]);
  const lines: Line[] = alerts
    .slice(0, max)
    .map((alert) => [
      { text: `▲ ${alert.severity} `, color: ALERT_COLOR[alert.severity], bold: true },
      { text: `${relativeTime(alert.opened_at, new Date(now))} `, dim: true },
      { text: oneLine(alert.message) },
    ]);
  if (alerts.length > max && lines.length > 0)
    lines[lines.length - 1]!.push({ text: `  (+${alerts.length - max} more: A)`, dim: true });
  return lines;
}

export function tabLine(tab: AgentTab, detail: AgentDetail | undefined): Line {
  const label = (name: AgentTab, text: string): Line[number] =>
    name === tab ? { text: ` ${text} `, inverse: true, bold: true } : { text: ` ${text} `, dim: true };
  return [
    label('runs', `Runs${detail ? ` (${detail.runs.length})` : ''}`),
    { text: '│', dim: true },
    label('output', 'Last output'),
    { text: '│', dim: true },
    label('changes', `Changes${detail ? ` (${detail.changes.length})` : ''}`),
    { text: '   tab switches', dim: true },
    {
      text: detail?.hasRunbook === false ? ' · no runbook yet' : ' · B: its runbook',
      dim: detail?.hasRunbook !== false,
      color: detail?.hasRunbook === false ? 'yellow' : undefined,
    },
  ];
}

export const RUN_COLUMNS: Array<[string, number, 'left' | 'right']> = [
  ['STATUS', 16, 'left'],
  ['STARTED', 9, 'left'],
  ['TOOK', 7, 'right'],
  ['CALLS', 6, 'right'],
  ['COST', 8, 'right'],
  ['OUTPUT', 8, 'right'],
  ['TRIGGER', 9, 'left'],
];

/** In a home shared by several hosts (snapshot.shared), the run list's last column: where each run ran. */
export const HOST_COLUMN: [string, number, 'left' | 'right'] = ['HOST', 8, 'left'];

export function runsHeader(shared = false): Line {
  const columns = shared ? [...RUN_COLUMNS, HOST_COLUMN] : RUN_COLUMNS;
  return [{ text: `  ${columns.map(([title, width, align]) => fit(title, width, align)).join(' ')}`, dim: true }];
}

export function runRow(run: RunRecord, now: number, selected: boolean, shared = false): RunRow {
  const status = statusSegment(run.status);
  const values = [
    relativeTime(run.started_at, new Date(now)),
    runDuration(run.duration_ms),
    String(run.llm_calls),
    usd(run.cost_usd),
    run.output_file ? formatSize(run.output_size_bytes) : '—',
    // a retry of an earlier run under the agent's retry policy reads as part of that run's group
    run.attempt != null && run.attempt > 1 ? `↳ try ${run.attempt}` : run.trigger,
    ...(shared ? [run.host] : []),
  ];
  const columns = shared ? [...RUN_COLUMNS, HOST_COLUMN] : RUN_COLUMNS;
  const rest = values.map((value, i) => fit(value, columns[i + 1]![1], columns[i + 1]![2])).join(' ');
  const line: Line = [
    { text: selected ? '› ' : '  ', bold: true, color: 'magenta' },
    { ...status, text: fit(status.text, 16) },
    { text: ` ${rest}`, inverse: false },
  ];
  if (selected) for (const segment of line) segment.inverse = true;
  return { line, sig: `${selected ? 1 : 0}${run.run_id}${values.join('|')}` };
}

/**
 * The problems of an invalid definition, or what could not be worked out
 * about a valid one, wrapped: in place of the sparklines, since that is what
 * needs doing first.
 */
export function problemLines(agent: FleetAgent, width: number, max: number): Line[] {
  const lines = agent.problems.flatMap((problem) =>
    wrapText(oneLine(problem), width).map((text, i) => [
      { text: i === 0 ? `✗ ${text}` : `  ${text}`, color: 'red' as const },
    ]),
  );
  const all = agent.valid ? '`nightshift status`' : '`nightshift validate`';
  return lines.length > max
    ? [...lines.slice(0, max - 1), [{ text: `… ${all} lists all ${agent.problems.length}`, dim: true }]]
    : lines;
}

/**
 * The eval cases' content scores over their last evals, on one line: per
 * case its sparkline (fixed 0–1 scale, · no score), the last score and the
 * median; a case whose last eval failed in red. `nightshift eval --history` has the figures.
 */
export function evalTrendLine(detail: AgentDetail | undefined): Line {
  const scoreText = (score: number | null): string => (score === null ? '—' : score.toFixed(3));
  const line: Line = [{ text: fit('evals', 9), dim: true }];
  (detail?.evals ?? []).forEach((trend, i) => {
    if (i > 0) line.push({ text: ' · ', dim: true });
    line.push({ text: `${trend.case} ` });
    line.push({ text: trend.sparkline, color: trend.passed ? 'cyan' : 'red' });
    line.push({
      text: ` ${scoreText(trend.last)} (median ${scoreText(trend.median)})${trend.passed ? '' : ' FAIL'}`,
      dim: trend.passed,
      color: trend.passed ? undefined : 'red',
    });
  });
  return line;
}

/** The rows under the definition (`rows` of them, 0 when the terminal is too short): the sparklines, or the problems in their place. */
export function trendLines(agent: FleetAgent, detail: AgentDetail | undefined, width: number, rows: number): Line[] {
  if (rows <= 0) return [];
  if (agent.problems.length === 0) return sparklineLines(detail);
  return problemLines(agent, width, rows);
}

/** What the selected run says about itself: why it ended as it did, and where its output is. */
export function runDetailLine(run: RunRecord | undefined, valid = true, readonly = false): Line {
  if (!run) return [{ text: noRunsText(valid, readonly), dim: true }];
  const parts: Line = [statusSegment(run.status)];
  if (run.reason) parts.push({ text: `: ${oneLine(run.reason)}` });
  else if (run.limit_hit)
    parts.push({ text: `: ${run.limit_hit.limit} limit ${run.limit_hit.max} crossed (${run.limit_hit.observed})` });
  parts.push({ text: run.output_file ? ` · ${run.output_file} (o opens it)` : ' · no output', dim: true });
  if (run.attempt != null && run.first_run_id != null && run.attempt > 1)
    parts.push({ text: ` · attempt ${run.attempt}, retry of run ${run.first_run_id.slice(0, 8)}`, dim: true });
  return parts;
}

export function changeLines(detail: AgentDetail | undefined, now: number, width: number): Line[] {
  if (!detail) return [[{ text: 'reading changes…', dim: true }]];
  if (detail.changes.length === 0)
    return [[{ text: 'no recorded changes (pause, resume, disable, kill, definition…)', dim: true }]];
  const lines: Line[] = [];
  for (const change of detail.changes) {
    const action = change.agent === null ? `${change.action} (all)` : change.action;
    const head = `${fit(relativeTime(change.at, new Date(now)), 9)} ${fit(change.by, 10)} ${fit(action, 15)} `;
    const reason = oneLine(change.reason) || '(no reason given)';
    const wrapped = wrapText(reason, Math.max(10, width - head.length));
    lines.push([{ text: head, dim: true }, { text: wrapped[0] ?? '' }]);
    for (const rest of wrapped.slice(1)) lines.push([{ text: ' '.repeat(head.length) }, { text: rest }]);
  }
  return lines;
}

export function lastOutputLines(state: ConsoleState, detail: AgentDetail | undefined, width: number): Line[] {
  if (!detail) return [[{ text: 'reading…', dim: true }]];
  if (!detail.lastOutputFile) return [[{ text: 'no run has left an output yet', dim: true }]];
  const title: Line = [{ text: detail.lastOutputFile, dim: true }];
  return [title, ...textLines(own(state.texts, detail.lastOutputFile), width)];
}

function noRunsText(valid: boolean, readonly: boolean): string {
  if (valid) return readonly ? 'no runs recorded yet' : 'no runs recorded yet · r runs it now';
  return readonly
    ? 'no runs: an invalid definition cannot run'
    : 'no runs: an invalid definition cannot run · e fixes it';
}
