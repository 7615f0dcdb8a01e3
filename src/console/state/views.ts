import { own } from '../../shared/index.js';
import { relativeTime } from '../../fleet/index.js';
import { alertRows } from '../selectors/alerts.js';
import { costRows } from '../selectors/costs.js';
import { findAgent, selectedAgent, visibleAgents } from '../selectors/fleet.js';
import { runbookFile } from '../selectors/runbook.js';
import { flash, pop, push, replaceTop, withEffects } from './helpers.js';
import { moveIndex } from './list.js';
import { topView } from './mode.js';
import { ensureDrawn, firstUnreviewed } from './review.js';
import { AGENT_TABS, type ConsoleState, type DataLoaded, type Effect, type View } from './types.js';

/** Moving between views, and what each view asks to have loaded. */

export function openAgent(state: ConsoleState, agent: string): ConsoleState {
  const next = push(
    { ...state, fleet: { ...state.fleet, cursor: agent } },
    { kind: 'agent', agent, tab: 'runs', cursor: 0, offset: 0, paneOffset: 0 },
  );
  return withEffects(next, { kind: 'load-agent', agent });
}

function loadTextOnce(state: ConsoleState, file: string | null | undefined): Effect[] {
  return file && !own(state.texts, file) ? [{ kind: 'load-text', file }] : [];
}

export function open(state: ConsoleState): ConsoleState {
  const view = topView(state);
  switch (view.kind) {
    case 'fleet': {
      const agent = selectedAgent(state);
      return agent ? openAgent(state, agent.name) : state;
    }
    case 'alerts': {
      const row = alertRows(state)[view.cursor];
      if (!row) return state;
      if (!row.agent || !findAgent(state, row.agent))
        return flash(state, 'this alert is about the fleet, not one agent');
      return openAgent(state, row.agent);
    }
    case 'costs': {
      const row = costRows(state)[view.cursor];
      return row && findAgent(state, row.name) ? openAgent(state, row.name) : state;
    }
    case 'runbooks': {
      const name = state.runbooks?.[view.cursor];
      if (!name) return state;
      return readRunbook(state, name);
    }
    default:
      return state;
  }
}

/** `o` in the agent view: the selected run's output (runs panel) or the last output (output panel), in a pane of its own. */
export function openOutput(state: ConsoleState): ConsoleState {
  const view = topView(state);
  if (view.kind !== 'agent') return state;
  const detail = own(state.details, view.agent);
  if (!detail) return state;
  if (view.tab === 'output' || view.tab === 'changes') {
    const file = detail.lastOutputFile;
    if (!file) return flash(state, `${view.agent} has no output yet`);
    return withEffects(
      push(state, { kind: 'output', agent: view.agent, file, title: `${view.agent} · last output`, offset: 0 }),
      ...loadTextOnce(state, file),
    );
  }
  const run = detail.runs[view.cursor];
  if (!run) return flash(state, `${view.agent} has no runs yet`);
  if (!run.output_file)
    return flash(state, `this run (${run.status}) left no output${run.reason ? `: ${run.reason}` : ''}`);
  const title = `${view.agent} · ${run.status} · ${relativeTime(run.started_at, new Date(state.now))} · ${run.run_id.slice(0, 8)}`;
  return withEffects(
    push(state, { kind: 'output', agent: view.agent, file: run.output_file, title, offset: 0 }),
    ...loadTextOnce(state, run.output_file),
  );
}

/**
 * `v` in the agent view: the agent file itself (its definition and its
 * prompt), read-only in the output pane: with the agent view (registry, runs)
 * and B (runbook), "what is this agent doing" is answered without leaving the console.
 */
export function openDefinition(state: ConsoleState): ConsoleState {
  const view = topView(state);
  if (view.kind !== 'agent') return state;
  const file = findAgent(state, view.agent)?.file ?? `agents/${view.agent}.md`;
  return withEffects(
    push(state, {
      kind: 'output',
      agent: view.agent,
      file,
      title: `${view.agent} · agent file (definition and prompt)`,
      offset: 0,
    }),
    { kind: 'load-text', file },
  );
}

export function back(state: ConsoleState): ConsoleState {
  return pop(state);
}

/** The agent a view is about, for views that can start from one (runbooks preselect it). */
function contextAgentName(state: ConsoleState): string | null {
  const view = topView(state);
  if (view.kind === 'agent' || view.kind === 'output') return view.agent;
  if (view.kind === 'fleet') return selectedAgent(state)?.name ?? null;
  return null;
}

/** The views A, C, B and R open; one replaces another instead of piling up, so esc goes back to where you started. */
const SIBLINGS = new Set<View['kind']>(['alerts', 'costs', 'runbooks', 'runbook', 'review']);

/** A runbook in the reader, on top of the current view: esc comes back to it. */
function readRunbook(state: ConsoleState, name: string): ConsoleState {
  return withEffects(push(state, { kind: 'runbook', name, offset: 0, search: '', match: -1 }), {
    kind: 'load-text',
    file: runbookFile(name),
  });
}

/** B in an agent's view: its own runbook; the list of runbooks, with a word, when it has none yet. */
function agentRunbook(state: ConsoleState, agent: string): ConsoleState {
  if (own(state.details, agent)?.hasRunbook !== false) return readRunbook(state, agent);
  const message = `${agent} has no runbook yet: write ${runbookFile(agent)} (what it does, how to stop it)`;
  return showRunbooks(flash(state, message));
}

export function show(current: ConsoleState, kind: 'alerts' | 'costs' | 'runbooks' | 'review' | 'help'): ConsoleState {
  const top = topView(current);
  if (kind === 'runbooks' && top.kind === 'agent') return agentRunbook(current, top.agent);
  if (top.kind === kind) return kind === 'help' ? pop(current) : current;
  let state = current;
  if (kind !== 'help') while (state.stack.length > 1 && SIBLINGS.has(topView(state).kind)) state = pop(state);
  switch (kind) {
    case 'help':
      return push(state, { kind: 'help', offset: 0 });
    case 'alerts':
      return withEffects(push(state, { kind: 'alerts', cursor: 0, offset: 0 }), { kind: 'load-alerts' });
    case 'costs':
      return withEffects(push(state, { kind: 'costs', cursor: 0, offset: 0 }), { kind: 'load-costs' });
    case 'runbooks':
      return showRunbooks(state);
    case 'review':
      return withEffects(push(state, { kind: 'review', index: state.review ? firstUnreviewed(state) : 0, offset: 0 }), {
        kind: 'load-review',
      });
  }
}

function showRunbooks(state: ConsoleState): ConsoleState {
  return withEffects(push(state, { kind: 'runbooks', cursor: 0, offset: 0, prefer: contextAgentName(state) }), {
    kind: 'load-runbooks',
  });
}

export function cycleTab(state: ConsoleState): ConsoleState {
  const view = topView(state);
  if (view.kind !== 'agent') return state;
  const tab = AGENT_TABS[(AGENT_TABS.indexOf(view.tab) + 1) % AGENT_TABS.length] ?? 'runs';
  const next = replaceTop(state, { ...view, tab, paneOffset: 0 });
  return tab === 'output'
    ? withEffects(next, ...loadTextOnce(state, own(state.details, view.agent)?.lastOutputFile))
    : next;
}

/** After a change on disk: the fleet, and the data of every open view that shows live data. */
export function refresh(state: ConsoleState): ConsoleState {
  const effects: Effect[] = [{ kind: 'load-fleet' }];
  for (const view of state.stack) {
    if (view.kind === 'agent') effects.push({ kind: 'load-agent', agent: view.agent });
    if (view.kind === 'alerts') effects.push({ kind: 'load-alerts' });
    if (view.kind === 'costs') effects.push({ kind: 'load-costs' });
  }
  return withEffects(state, ...effects);
}

function mapViews(state: ConsoleState, change: (view: View) => View): ConsoleState {
  return { ...state, stack: state.stack.map(change) };
}

export function dataLoaded(state: ConsoleState, data: DataLoaded): ConsoleState {
  switch (data.kind) {
    case 'agent': {
      const { detail } = data;
      const next = mapViews({ ...state, details: { ...state.details, [detail.agent]: detail } }, (view) =>
        view.kind === 'agent' && view.agent === detail.agent
          ? { ...view, cursor: moveIndex(view.cursor, 0, detail.runs.length) }
          : view,
      );
      // the last output is what a reader looks at next: fetch it now
      return withEffects(next, ...loadTextOnce(state, detail.lastOutputFile));
    }
    case 'text':
      return { ...state, texts: { ...state.texts, [data.file]: data.content } };
    case 'alerts':
      return { ...state, alerts: data.events };
    case 'costs':
      return { ...state, costs: data.costs };
    case 'runbooks':
      return mapViews({ ...state, runbooks: data.names }, (view) => {
        if (view.kind !== 'runbooks') return view;
        const preferred = view.prefer ? data.names.indexOf(view.prefer) : -1;
        return {
          ...view,
          cursor: preferred >= 0 ? preferred : moveIndex(view.cursor, 0, data.names.length),
          prefer: null,
        };
      });
    case 'review':
      return ensureDrawn({ ...state, review: data.review });
  }
}

/** A new snapshot keeps the cursor on the same agent, wherever sorting puts it. */
export function fleetLoaded(state: ConsoleState, snapshot: NonNullable<ConsoleState['snapshot']>): ConsoleState {
  // a run started here is followed until it has finished, then its status is announced
  const starting = { ...state.starting };
  const finished: string[] = [];
  let failed = false;
  for (const [name, since] of Object.entries(starting)) {
    const agent = snapshot.agents.find((a) => a.name === name);
    if (!agent) delete starting[name];
    else if (!agent.running && agent.lastRun && Date.parse(agent.lastRun.started_at) >= since - 1000) {
      delete starting[name];
      const run = agent.lastRun;
      failed ||= run.status !== 'OK';
      finished.push(`${name} finished: ${run.status}${run.reason ? ` — ${run.reason}` : ''}`);
    }
  }
  // the snapshot was taken just now: times shown against it must not lag a tick behind
  const now = Math.max(state.now, Date.parse(snapshot.generated_at) || 0);
  const loaded: ConsoleState = { ...state, now, snapshot, loadError: null, starting };
  const next = finished.length > 0 ? flash(loaded, finished.join(' · '), failed ? 'error' : 'ok') : loaded;
  const names = visibleAgents(next).map((a) => a.name);
  const cursor =
    state.fleet.cursor !== null && names.includes(state.fleet.cursor) ? state.fleet.cursor : (names[0] ?? null);
  return { ...next, fleet: { ...next.fleet, cursor } };
}
