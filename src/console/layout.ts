import { own } from '../shared/index.js';
import type { ConsoleState } from './state/types.js';

/**
 * How the frame's rows are shared out. The whole frame stays at rows - 1 lines
 * at most: a frame as tall as the terminal makes Ink clear and redraw the
 * screen on every update. The reducer (for scrolling and windowing) and the
 * components (for drawing) ask the same functions, so they always agree.
 */
export const FOOTER_LINES = 2; // message line + keys line (keys on both when there is no message: selectors/footer-keys.ts)
export const MIN_BODY = 3;

export function headerLines(state: ConsoleState): number {
  return state.snapshot?.global.stopped ? 3 : 2;
}

/** A prompt's question (over two lines when it is wider than the terminal, so no word of it is lost) and its input. */
export function overlayLines(state: ConsoleState): number {
  if (state.overlay?.kind !== 'prompt') return 0;
  return 1 + Math.min(2, Math.max(1, Math.ceil(Array.from(state.overlay.title).length / frameWidth(state))));
}

export function bodyHeight(state: ConsoleState): number {
  return Math.max(MIN_BODY, state.rows - 1 - headerLines(state) - FOOTER_LINES - overlayLines(state));
}

/** Usable width: one column spare, so no terminal wraps a full-width line. */
export function frameWidth(state: ConsoleState): number {
  return Math.max(20, state.cols - 1);
}

export function fleetListHeight(state: ConsoleState): number {
  return Math.max(1, bodyHeight(state) - 1);
}

/** The agent view's fixed top: definition, then sparklines and alerts when there is room. */
export function agentTopLines(
  state: ConsoleState,
  agent: string,
): { definition: number; sparklines: number; alerts: number; evals: number } {
  const body = bodyHeight(state);
  const fleetAgent = state.snapshot?.agents.find((a) => a.name === agent);
  const definition = 3;
  const sparklines = body >= 14 ? 3 : 0;
  const alerts = body >= 12 ? Math.min(2, fleetAgent?.openAlerts.length ?? 0) : 0;
  // the eval trend's line, only for an agent with evals recorded (own: agent names are keys)
  const evals = body >= 14 && (own(state.details, agent)?.evals?.length ?? 0) > 0 ? 1 : 0;
  return { definition, sparklines, alerts, evals };
}

/** Rows for the agent's lower panel: runs list (with its header and the selected run's detail line) or a pane. */
export function agentPanelHeight(state: ConsoleState, agent: string, tab: 'runs' | 'output' | 'changes'): number {
  const top = agentTopLines(state, agent);
  const left = bodyHeight(state) - top.definition - top.sparklines - top.evals - top.alerts - 1; // tab line
  return Math.max(1, tab === 'runs' ? left - 2 : left);
}

/** The progress line and the agent's five lines above its output; the output's scroll position under it. */
export const REVIEW_TOP_LINES = 6;
export const REVIEW_SCROLL_LINES = 1;
export function reviewPaneHeight(state: ConsoleState): number {
  return Math.max(1, bodyHeight(state) - REVIEW_TOP_LINES - REVIEW_SCROLL_LINES);
}

/** The review's summary: under the progress line, above its scroll position. */
export function reviewSummaryHeight(state: ConsoleState): number {
  return Math.max(1, bodyHeight(state) - 1 - REVIEW_SCROLL_LINES);
}

/** Output and runbook panes keep one line for their title. */
export function paneHeight(state: ConsoleState): number {
  return Math.max(1, bodyHeight(state) - 1);
}

export function helpHeight(state: ConsoleState): number {
  return bodyHeight(state);
}

/** Under the alerts and costs lists: the selected row in full, over this many lines. */
export const DETAIL_LINES = 2;

/** Alerts, costs and runbooks lists: a title line; alerts and costs add a column header and the detail lines. */
export function listHeight(state: ConsoleState, view: 'alerts' | 'costs' | 'runbooks'): number {
  const chrome = view === 'runbooks' ? 1 : 2 + DETAIL_LINES;
  return Math.max(1, bodyHeight(state) - chrome);
}
