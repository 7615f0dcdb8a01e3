import { fleetListHeight, frameWidth, paneHeight } from '../layout.js';
import { fleetCursorIndex, findAgent, visibleAgents } from '../selectors/fleet.js';
import { own } from '../../shared/index.js';
import type { Line } from '../selectors/cells.js';
import { runbookLines } from '../selectors/runbook.js';
import { textLines } from '../selectors/text.js';
import { commandBackspace, commandInsert } from './command-mode.js';
import { stepMatch } from './search.js';
import { flash, replaceTop, withEffects } from './helpers.js';
import { follow } from './list.js';
import { topView } from './mode.js';
import { markReviewed } from './review.js';
import type { ConsoleState, Overlay, View } from './types.js';

/** Typing: the fleet filter, the search in a runbook or an output, the `:` line, and the reason / note prompts. */
const MAX_TEXT = 500;
const DOING = { pause: 'pausing', resume: 'resuming', disable: 'disabling', enable: 'enabling' } as const;

type Prompt = Extract<Overlay, { kind: 'prompt' }>;

export function startFilter(state: ConsoleState): ConsoleState {
  return { ...state, overlay: { kind: 'filter' } };
}

function setFilter(state: ConsoleState, filter: string): ConsoleState {
  const next: ConsoleState = { ...state, fleet: { ...state.fleet, filter } };
  const names = visibleAgents(next).map((agent) => agent.name);
  const cursor =
    next.fleet.cursor !== null && names.includes(next.fleet.cursor)
      ? next.fleet.cursor
      : (names[0] ?? next.fleet.cursor);
  const placed: ConsoleState = { ...next, fleet: { ...next.fleet, cursor } };
  return {
    ...placed,
    fleet: { ...placed.fleet, offset: follow(0, fleetCursorIndex(placed), fleetListHeight(placed), names.length) },
  };
}

export function clearFilter(state: ConsoleState): ConsoleState {
  return state.fleet.filter ? setFilter(state, '') : state;
}

type Searchable = Extract<View, { kind: 'runbook' | 'output' }>;

/** The views `/` searches in: a runbook and a run's output. */
function searchable(state: ConsoleState): Searchable | null {
  const view = topView(state);
  return view.kind === 'runbook' || view.kind === 'output' ? view : null;
}

function searchedLines(state: ConsoleState, view: Searchable): Line[] {
  return view.kind === 'runbook'
    ? runbookLines(state, view.name, frameWidth(state))
    : textLines(own(state.texts, view.file), frameWidth(state));
}

function setSearch(state: ConsoleState, view: Searchable, search: string): ConsoleState {
  return replaceTop(state, { ...view, search, match: -1 });
}

export function startSearch(state: ConsoleState): ConsoleState {
  const view = searchable(state);
  if (!view) return state;
  return setSearch({ ...state, overlay: { kind: 'search' } }, view, '');
}

/** n / N: the next or previous line holding the search text, wrapping round (state/search.ts). */
export function searchNext(state: ConsoleState, dir: 1 | -1): ConsoleState {
  const view = searchable(state);
  if (!view) return state;
  const query = view.search ?? '';
  if (!query) return flash(state, '/ starts a search');
  const step = stepMatch(
    searchedLines(state, view),
    query,
    { match: view.match ?? -1, offset: view.offset },
    dir,
    paneHeight(state),
  );
  return flash(replaceTop(state, { ...view, match: step.match, offset: step.offset }), step.message);
}

function edit(text: string, change: (text: string) => string): string {
  return change(text).slice(0, MAX_TEXT);
}

export function insert(state: ConsoleState, typed: string): ConsoleState {
  const overlay = state.overlay;
  if (overlay?.kind === 'filter')
    return setFilter(
      state,
      edit(state.fleet.filter, (t) => t + typed),
    );
  if (overlay?.kind === 'search') {
    const view = searchable(state);
    return view
      ? setSearch(
          state,
          view,
          edit(view.search ?? '', (t) => t + typed),
        )
      : state;
  }
  if (overlay?.kind === 'command') return commandInsert(state, typed);
  if (overlay?.kind === 'prompt')
    return { ...state, overlay: { ...overlay, text: edit(overlay.text, (t) => t + typed) } };
  return state;
}

export function backspace(state: ConsoleState): ConsoleState {
  const drop = (text: string): string => Array.from(text).slice(0, -1).join('');
  const overlay = state.overlay;
  if (overlay?.kind === 'filter') return setFilter(state, drop(state.fleet.filter));
  if (overlay?.kind === 'search') {
    const view = searchable(state);
    return view ? setSearch(state, view, drop(view.search ?? '')) : state;
  }
  if (overlay?.kind === 'command') return commandBackspace(state);
  if (overlay?.kind === 'prompt') return { ...state, overlay: { ...overlay, text: drop(overlay.text) } };
  return state;
}

export function toggleConcern(state: ConsoleState): ConsoleState {
  const overlay = state.overlay;
  if (overlay?.kind !== 'prompt' || overlay.concern === null) return state;
  return { ...state, overlay: { ...overlay, concern: !overlay.concern } };
}

export function cancel(state: ConsoleState): ConsoleState {
  const overlay = state.overlay;
  if (overlay?.kind === 'filter') return { ...setFilter(state, ''), overlay: null };
  if (overlay?.kind === 'search') {
    const view = searchable(state);
    const closed: ConsoleState = { ...state, overlay: null };
    return view ? setSearch(closed, view, '') : closed;
  }
  if (overlay?.kind === 'command') return { ...state, overlay: null };
  if (overlay?.kind === 'prompt') {
    // the edit is saved already: esc only declines to say why, and the change is still recorded
    if (overlay.purpose.kind === 'definition') return recordEdit({ ...state, overlay: null }, overlay.purpose, null);
    return flash(
      { ...state, overlay: null },
      overlay.purpose.kind === 'run' ? 'cancelled: nothing was started' : 'cancelled: nothing was changed',
    );
  }
  return state;
}

function recordEdit(
  state: ConsoleState,
  purpose: Extract<Prompt['purpose'], { kind: 'definition' }>,
  reason: string | null,
): ConsoleState {
  const text = `recording the change to agents/${purpose.agent}.md${reason === null ? ' without a reason' : ''}…`;
  return withEffects(flash(state, text), {
    kind: 'record-definition',
    agent: purpose.agent,
    change: purpose.change,
    reason,
  });
}

/** Quitting with the "why?" of an edit open still records the edit, without a reason. */
export function pendingOnQuit(state: ConsoleState): ConsoleState {
  const overlay = state.overlay;
  if (overlay?.kind !== 'prompt' || overlay.purpose.kind !== 'definition') return state;
  return withEffects(state, {
    kind: 'record-definition',
    agent: overlay.purpose.agent,
    change: overlay.purpose.change,
    reason: null,
  });
}

export function submit(state: ConsoleState): ConsoleState {
  const overlay = state.overlay;
  if (overlay?.kind === 'filter') return { ...state, overlay: null };
  if (overlay?.kind === 'search') return searchNext({ ...state, overlay: null }, 1);
  if (overlay?.kind === 'prompt') return submitPrompt(state, overlay);
  return state;
}

function submitPrompt(state: ConsoleState, overlay: Prompt): ConsoleState {
  const text = overlay.text.trim();
  const reason = text === '' ? null : text;
  const closed: ConsoleState = { ...state, overlay: null };
  const { purpose } = overlay;
  switch (purpose.kind) {
    case 'switch':
      return withEffects(flash(closed, `${DOING[purpose.action]} ${purpose.agent}…`), {
        kind: 'switch',
        action: purpose.action,
        agent: purpose.agent,
        reason,
        ...(purpose.until ? { until: purpose.until } : {}),
      });
    case 'kill':
      return withEffects(flash(closed, `killing the run of ${purpose.agent}…`), {
        kind: 'kill',
        agent: purpose.agent,
        reason,
      });
    case 'run': {
      // the fleet may have moved on while the reason was typed
      const agent = findAgent(state, purpose.agent);
      if (agent?.running) return flash(closed, `${purpose.agent} is already running (x kills it)`);
      if (agent && !agent.valid)
        return flash(closed, `${purpose.agent} is invalid and cannot run: e opens its file`, 'error');
      return withEffects(
        flash(
          { ...closed, starting: { ...closed.starting, [purpose.agent]: state.now } },
          `starting ${purpose.agent} (manual run)…`,
        ),
        {
          kind: 'run-now',
          agent: purpose.agent,
          reason,
        },
      );
    }
    case 'definition':
      return recordEdit(closed, purpose, reason);
    case 'stop-all-word':
      if (text !== overlay.word)
        return flash(
          { ...state, overlay: { ...overlay, text: '' } },
          `type ${overlay.word} in capitals to stop everything, or esc to cancel`,
          'error',
        );
      return {
        ...state,
        overlay: {
          ...overlay,
          title: 'Stopping everything. Why? (recorded in logs/changes.jsonl)',
          hint: 'enter stops all · esc cancels',
          text: '',
          word: null,
          purpose: { kind: 'stop-all' },
        },
      };
    case 'stop-all':
      return withEffects(flash(closed, 'stopping everything…'), { kind: 'stop-all', reason });
    case 'start-all':
      return withEffects(flash(closed, 'ending the global stop…'), { kind: 'start-all', reason });
    case 'review':
      return markReviewed(closed, purpose.agent, reason, overlay.concern === true, purpose.outputFile);
  }
}
