import type { LiveEvent } from '../../harness/index.js';
import { selectedAgent, findAgent } from '../selectors/fleet.js';
import { flash, push, withEffects } from './helpers.js';
import { topView } from './mode.js';
import type { Action, ConsoleState, LiveFeed, View } from './types.js';

/**
 * `f`: follow the run in flight of the agent under the cursor (fleet) or on
 * screen (agent view). The view holds what was read of run/<agent>.live.jsonl;
 * the effects layer tails the file for as long as the view is open.
 */
/** Model and tool calls kept on screen: more than any terminal is tall. */
export const LIVE_KEPT = 200;

export function emptyFeed(): LiveFeed {
  return { runId: null, runner: null, model: null, limits: null, events: [], latest: null, gone: false };
}

function followedAgent(state: ConsoleState): string | null {
  const view = topView(state);
  if (view.kind === 'agent' || view.kind === 'live') return view.agent;
  if (view.kind === 'fleet') return selectedAgent(state)?.name ?? null;
  return null;
}

export function follow(state: ConsoleState): ConsoleState {
  const name = followedAgent(state);
  if (!name) return state;
  const agent = findAgent(state, name);
  if (!agent?.running && state.starting[name] === undefined) {
    const last = agent?.lastRun;
    const ended = last ? `; its last run ended ${last.status}` : '';
    return flash(state, `${name} has no run in flight${ended} (f follows a running agent)`);
  }
  const view: View = { kind: 'live', agent: name, feed: emptyFeed() };
  return withEffects(push(state, view), { kind: 'follow-live', agent: name });
}

/** New lines of the file: appended (or, for a new file, started over); `gone` once the file is removed. */
export function liveRead(state: ConsoleState, read: Extract<Action, { type: 'live-read' }>): ConsoleState {
  let changed = false;
  const stack = state.stack.map((view) => {
    if (view.kind !== 'live' || view.agent !== read.agent) return view;
    changed = true;
    return { ...view, feed: nextFeed(read.reset ? emptyFeed() : view.feed, read.events, read.gone) };
  });
  return changed ? { ...state, stack } : state;
}

function nextFeed(feed: LiveFeed, events: LiveEvent[], gone: boolean): LiveFeed {
  let next: LiveFeed = { ...feed, gone: gone || (feed.gone && events.length === 0) };
  const shown: LiveEvent[] = [];
  for (const event of events) {
    next.latest = event;
    if (event.type === 'start')
      next = {
        ...next,
        runId: event.run_id ?? null,
        runner: event.runner ?? null,
        model: event.model ?? null,
        limits: event.limits ?? null,
        gone: false,
      };
    else if (event.type !== 'progress') shown.push(event);
  }
  if (shown.length > 0) next.events = [...next.events, ...shown].slice(-LIVE_KEPT);
  return next;
}
