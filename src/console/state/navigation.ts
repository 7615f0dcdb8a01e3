import { own } from '../../shared/index.js';
import {
  agentPanelHeight,
  fleetListHeight,
  frameWidth,
  helpHeight,
  listHeight,
  paneHeight,
  reviewPaneHeight,
  reviewSummaryHeight,
} from '../layout.js';
import { alertRows } from '../selectors/alerts.js';
import { changeLines, lastOutputLines } from '../selectors/agent.js';
import { costRows } from '../selectors/costs.js';
import { fleetCursorIndex, visibleAgents } from '../selectors/fleet.js';
import { helpLines } from '../selectors/help.js';
import { reviewAgentModel, reviewSummary } from '../selectors/review.js';
import { runbookLines } from '../selectors/runbook.js';
import { textLines } from '../selectors/text.js';
import { follow, moveIndex, scrollBy } from './list.js';
import { replaceTop } from './helpers.js';
import { topView } from './mode.js';
import type { Action, ConsoleState } from './types.js';

/**
 * j/k, g/G and PgUp/PgDn for whatever the current view is: a list (a cursor
 * and a window that follows it) or a pane (a scroll offset).
 */
export type NavAction = Extract<Action, { type: 'move' | 'move-to' | 'page' }>;

/** The new cursor of a list of `total` rows shown `height` at a time. */
export function listTarget(action: NavAction, index: number, total: number, height: number): number {
  switch (action.type) {
    case 'move':
      return moveIndex(index, action.delta, total);
    case 'move-to':
      return action.where === 'top' ? 0 : Math.max(0, total - 1);
    case 'page':
      return moveIndex(index, action.dir * Math.max(1, height - 1), total);
  }
}

/** The new offset of a pane of `total` lines shown `height` at a time. */
export function paneTarget(action: NavAction, offset: number, total: number, height: number): number {
  switch (action.type) {
    case 'move':
      return scrollBy(offset, action.delta, height, total);
    case 'move-to':
      return action.where === 'top' ? 0 : Math.max(0, total - height);
    case 'page':
      return scrollBy(offset, action.dir * Math.max(1, height - 1), height, total);
  }
}

function moveList(
  action: NavAction,
  cursor: number,
  offset: number,
  total: number,
  height: number,
): { cursor: number; offset: number } {
  const next = listTarget(action, cursor, total, height);
  return { cursor: next, offset: follow(offset, next, height, total) };
}

export function navigate(state: ConsoleState, action: NavAction): ConsoleState {
  const view = topView(state);
  const width = frameWidth(state);
  switch (view.kind) {
    case 'fleet': {
      const agents = visibleAgents(state);
      if (agents.length === 0) return state;
      const height = fleetListHeight(state);
      const moved = moveList(action, fleetCursorIndex(state), state.fleet.offset, agents.length, height);
      return { ...state, fleet: { ...state.fleet, cursor: agents[moved.cursor]?.name ?? null, offset: moved.offset } };
    }
    case 'agent': {
      const detail = own(state.details, view.agent);
      const height = agentPanelHeight(state, view.agent, view.tab);
      if (view.tab === 'runs') {
        const moved = moveList(action, view.cursor, view.offset, detail?.runs.length ?? 0, height);
        return replaceTop(state, { ...view, ...moved });
      }
      const lines =
        view.tab === 'output' ? lastOutputLines(state, detail, width) : changeLines(detail, state.now, width);
      return replaceTop(state, { ...view, paneOffset: paneTarget(action, view.paneOffset, lines.length, height) });
    }
    case 'output': {
      const total = textLines(own(state.texts, view.file), width).length;
      return replaceTop(state, { ...view, offset: paneTarget(action, view.offset, total, paneHeight(state)) });
    }
    case 'review': {
      const agents = state.review?.agents ?? [];
      const data = agents[view.index];
      const total = data ? reviewAgentModel(state, data, width).output.length : reviewSummary(state).length;
      const height = data ? reviewPaneHeight(state) : reviewSummaryHeight(state);
      return replaceTop(state, { ...view, offset: paneTarget(action, view.offset, total, height) });
    }
    case 'alerts': {
      const moved = moveList(action, view.cursor, view.offset, alertRows(state).length, listHeight(state, 'alerts'));
      return replaceTop(state, { ...view, ...moved });
    }
    case 'costs': {
      const moved = moveList(action, view.cursor, view.offset, costRows(state).length, listHeight(state, 'costs'));
      return replaceTop(state, { ...view, ...moved });
    }
    case 'runbooks': {
      const moved = moveList(
        action,
        view.cursor,
        view.offset,
        state.runbooks?.length ?? 0,
        listHeight(state, 'runbooks'),
      );
      return replaceTop(state, { ...view, ...moved });
    }
    case 'runbook': {
      const total = runbookLines(state, view.name, width).length;
      return replaceTop(state, { ...view, offset: paneTarget(action, view.offset, total, paneHeight(state)) });
    }
    case 'live':
      return state; // a tail: the newest lines are always the ones shown
    case 'help':
      return replaceTop(state, {
        ...view,
        offset: paneTarget(action, view.offset, helpLines(state.readonly).length, helpHeight(state)),
      });
  }
}
