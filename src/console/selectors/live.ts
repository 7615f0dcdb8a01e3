import { bar, runDuration, usd } from '../../fleet/index.js';
import type { LiveEvent } from '../../harness/index.js';
import { fit, oneLine } from '../format.js';
import type { ConsoleState, View } from '../state/types.js';
import type { Color, Line } from './cells.js';
import { findAgent } from './fleet.js';

/**
 * The live view in lines: what run is followed, gauges of time, calls, tool
 * calls, cost and output against the limits, then the model and tool calls
 * that fit, newest last; and, once the file is gone, how the run ended.
 */
export interface LiveModel {
  title: Line;
  gauges: Line[];
  /** the run ended (or never showed): said in one line, above the calls */
  status: Line | null;
  events: Line[];
}

type LiveView = Extract<View, { kind: 'live' }>;

const BAR = 20;

function gauge(label: string, used: number, max: number, shown: (n: number) => string): Line {
  const fraction = max > 0 ? used / max : null;
  let color: Color = 'green';
  if (fraction !== null && fraction >= 0.9) color = 'red';
  else if (fraction !== null && fraction >= 0.7) color = 'yellow';
  const percent = fraction === null ? '' : ` ${Math.round(fraction * 100)}%`;
  return [
    { text: `  ${fit(label, 8)}`, bold: true },
    { text: bar(fraction === null ? null : Math.min(1, fraction), BAR), color },
    { text: ` ${shown(used)} / ${shown(max)}${percent}` },
  ];
}

function bytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

function clock(iso: string): string {
  return iso.slice(11, 19);
}

export function liveEventLine(event: LiveEvent, width: number): Line {
  const time = { text: `${clock(event.at)}  `, dim: true };
  switch (event.type) {
    case 'model': {
      const t = event.tokens;
      const tokens = t ? `${t.input + t.cache_read + t.cache_write} in / ${t.output} out tokens, ` : '';
      return [
        time,
        { text: `model #${event.n ?? event.calls}`, color: 'magenta', bold: true },
        { text: `  ${event.model ?? ''}  ${tokens}${usd(event.cost_usd)} so far`, dim: true },
      ];
    }
    case 'tool': {
      const head = `tool  #${event.n ?? event.tool_calls}  ${oneLine(event.tool ?? '?')}`;
      const room = Math.max(10, width - head.length - 14);
      return [
        time,
        { text: head, color: 'cyan', bold: true },
        { text: event.input === undefined ? '' : `  ${fit(oneLine(event.input), room)}` },
      ];
    }
    default:
      return [time, { text: oneLine(event.note ?? event.type), color: 'yellow' }];
  }
}

/** How the followed run ended, once its file is gone (or the fleet shows it no longer running). */
function endedLine(state: ConsoleState, view: LiveView): Line | null {
  const agent = findAgent(state, view.agent);
  const running = agent?.running ?? null;
  if (running && !view.feed.gone) {
    if (view.feed.runId !== null && running.run_id !== view.feed.runId)
      return [
        { text: `the live file is of an earlier run: waiting for run ${running.run_id.slice(0, 8)}'s`, dim: true },
      ];
    return null;
  }
  if (!view.feed.gone && view.feed.runId === null) {
    if (!running && state.starting[view.agent] !== undefined) return [{ text: 'starting…', dim: true }];
    if (!running) return [{ text: 'no run in flight', dim: true }];
    return null;
  }
  const last = agent?.lastRun ?? null;
  if (!last || (view.feed.runId !== null && last.run_id !== view.feed.runId) || running?.run_id === view.feed.runId)
    return [{ text: 'run ended; waiting for its record…', color: 'yellow' }];
  const ok = last.status === 'OK';
  return [
    { text: `run ended: ${last.status}`, color: ok ? 'green' : 'red', bold: true },
    { text: `  ${runDuration(last.duration_ms)} · ${last.llm_calls} calls · ${usd(last.cost_usd)}`, dim: true },
    { text: last.reason ? ` — ${oneLine(last.reason)}` : '' },
  ];
}

export function liveModel(state: ConsoleState, view: LiveView, width: number): LiveModel {
  const { feed } = view;
  const title: Line = [{ text: `following ${view.agent}`, bold: true }];
  if (feed.runId) title.push({ text: `  run ${feed.runId.slice(0, 8)}`, dim: true });
  if (feed.runner) title.push({ text: `  ${feed.runner}${feed.model ? ` ${feed.model}` : ''}`, dim: true });
  const latest = feed.latest;
  const limits = feed.limits;
  const gauges: Line[] =
    latest && limits
      ? [
          gauge('time', latest.elapsed_ms, limits.time_ms, runDuration),
          gauge('calls', latest.calls, limits.calls, String),
          gauge('tools', latest.tool_calls, limits.tool_calls, String),
          gauge('cost', latest.cost_usd, limits.cost_usd, usd),
          gauge('output', latest.output_bytes, limits.output_bytes, bytes),
        ]
      : [[{ text: '  waiting for the run’s live file (run/' + view.agent + '.live.jsonl)…', dim: true }]];
  return {
    title,
    gauges,
    status: endedLine(state, view),
    events: feed.events.map((event) => liveEventLine(event, width)),
  };
}
