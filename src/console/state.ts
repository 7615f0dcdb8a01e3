import { keyToAction } from './keymap.js';
import { clamp } from './state/list.js';
import { flash } from './state/helpers.js';
import { modeOf, topView } from './state/mode.js';
import { navigate } from './state/navigation.js';
import { askWhyEdited, requestOp } from './state/ops.js';
import {
  backspace,
  cancel,
  clearFilter,
  insert,
  pendingOnQuit,
  searchNext,
  startFilter,
  startSearch,
  submit,
  toggleConcern,
} from './state/overlay.js';
import { drawAgain, step } from './state/review.js';
import { completeLine, startCommand, submitCommand } from './state/command-mode.js';
import { follow, liveRead } from './state/live.js';
import {
  back,
  cycleTab,
  dataLoaded,
  fleetLoaded,
  open,
  openDefinition,
  openOutput,
  refresh,
  show,
} from './state/views.js';
import { type Action, type ConsoleState, SORT_KEYS } from './state/types.js';

/**
 * The console's one reducer: pure, no clock but `state.now`, no disk. Keys
 * arrive as names and are routed by the current mode (keymap.ts); data arrives
 * as actions; work to do leaves in `pending`, which the store hands to the
 * effects layer.
 */
export { modeOf, topView };
export type { Action, ConsoleState };

export type InitialOptions = Pick<ConsoleState, 'now' | 'cols' | 'rows' | 'readonly' | 'noColor' | 'home'> & {
  /** seed of the review's random draw */
  seed: number;
  configProblem?: string | null;
};

export function initialState(options: InitialOptions): ConsoleState {
  const { seed, configProblem, ...given } = options;
  return {
    ...given,
    configProblem: configProblem ?? null,
    snapshot: null,
    loadError: null,
    stack: [{ kind: 'fleet' }],
    overlay: null,
    fleet: { sort: 'name', filter: '', cursor: null, offset: 0 },
    details: {},
    texts: {},
    alerts: null,
    costs: null,
    runbooks: null,
    review: null,
    progress: { drawn: {}, marks: {}, rng: seed >>> 0 },
    starting: {},
    flash: null,
    pending: [{ kind: 'load-fleet' }],
    quitting: false,
  };
}

const SECONDS_SHOWN_MS = 90_000;

/**
 * Whether a tick changes anything on screen. Relative times are whole minutes
 * or coarser except within a minute or so of now, so an idle fleet redraws
 * once a minute instead of every second; a run in flight, a run starting, a
 * message about to go, or anything that just happened keeps the 1 s beat.
 */
export function tickShows(state: ConsoleState, now: number): boolean {
  if (Math.floor(now / 60_000) !== Math.floor(state.now / 60_000)) return true;
  if (state.flash && state.flash.until <= now) return true;
  if (Object.keys(state.starting).length > 0) return true;
  const near = (iso: string | null | undefined): boolean =>
    iso !== null && iso !== undefined && Math.abs(Date.parse(iso) - now) < SECONDS_SHOWN_MS;
  return (state.snapshot?.agents ?? []).some(
    (a) => a.running !== null || near(a.lastRun?.started_at) || near(a.nextDue),
  );
}

/** A run started here shows as "starting" until the fleet shows it running or done, or this long. */
export const STARTING_MS = 20_000;

export function reduce(state: ConsoleState, action: Action): ConsoleState {
  switch (action.type) {
    case 'keys':
      return action.keys.reduce((current, key) => {
        if (current.quitting) return current;
        const routed = keyToAction(key, modeOf(current));
        return routed ? reduce(current, routed) : current;
      }, state);
    case 'move':
    case 'move-to':
    case 'page':
      return navigate(state, action);
    case 'open':
      return open(state);
    case 'open-output':
      return openOutput(state);
    case 'open-definition':
      return openDefinition(state);
    case 'back':
      return back(state);
    case 'quit': {
      if (state.quitting) return state;
      const leaving = pendingOnQuit(state);
      return { ...leaving, quitting: true, overlay: null, pending: [...leaving.pending, { kind: 'quit' }] };
    }
    case 'show':
      return show(state, action.view);
    case 'sort': {
      const sort = SORT_KEYS[(SORT_KEYS.indexOf(state.fleet.sort) + 1) % SORT_KEYS.length] ?? 'name';
      return { ...state, fleet: { ...state.fleet, sort, offset: 0 } };
    }
    case 'filter':
      return startFilter(state);
    case 'clear-filter':
      return clearFilter(state);
    case 'search':
      return startSearch(state);
    case 'search-next':
      return searchNext(state, action.dir);
    case 'insert':
      return insert(state, action.text);
    case 'backspace':
      return backspace(state);
    case 'submit': {
      if (state.overlay?.kind !== 'command') return submit(state);
      // a `:` command ends in the actions its keys send (a view, quit), reduced here like theirs
      const command = submitCommand(state);
      return command.then.reduce(reduce, command.state);
    }
    case 'command':
      return startCommand(state);
    case 'complete':
      return completeLine(state);
    case 'cancel':
      return cancel(state);
    case 'toggle-concern':
      return toggleConcern(state);
    case 'tab':
      return cycleTab(state);
    case 'draw':
      return drawAgain(state);
    case 'review-step':
      return step(state, action.delta);
    case 'op':
      return requestOp(state, action.op);
    case 'fleet-loaded':
      return fleetLoaded(state, action.snapshot);
    case 'load-failed':
      return action.what === 'fleet' && !state.snapshot
        ? { ...state, loadError: action.message }
        : flash(state, `could not read ${action.what}: ${action.message}`, 'error');
    case 'data-loaded':
      return dataLoaded(state, action.data);
    case 'flash':
      return flash(state, action.text, action.tone);
    case 'config-checked':
      return state.configProblem === action.problem ? state : { ...state, configProblem: action.problem };
    case 'not-started': {
      const starting = { ...state.starting };
      delete starting[action.agent];
      return flash({ ...state, starting }, `could not start ${action.agent}: ${action.message}`, 'error');
    }
    case 'definition-edited':
      return askWhyEdited(state, action.agent, action.change, action.fields);
    case 'refresh':
      return refresh(state);
    case 'follow':
      return follow(state);
    case 'live-read':
      return liveRead(state, action);
    case 'tick': {
      const now = action.now;
      if (!tickShows(state, now)) return state;
      // a run that never showed up (refused before its lock, or failed to start) stops being "starting"
      const stale = ([name, since]: [string, number]): boolean =>
        now - since > STARTING_MS && !state.snapshot?.agents.find((a) => a.name === name)?.running;
      const entries = Object.entries(state.starting);
      const starting = entries.some(stale)
        ? Object.fromEntries(entries.filter((entry) => !stale(entry)))
        : state.starting;
      return { ...state, now, starting, flash: state.flash && state.flash.until <= now ? null : state.flash };
    }
    case 'resize': {
      const cols = clamp(action.cols ?? state.cols, 20, 1000);
      const rows = clamp(action.rows ?? state.rows, 5, 1000);
      return cols === state.cols && rows === state.rows ? state : { ...state, cols, rows };
    }
  }
}
