import { relative } from 'node:path';
import { loadAgentFile } from '../../agents/index.js';
import { type FleetSnapshot, loadFleet } from '../../fleet/index.js';
import { type Home, openHome } from '../../home/index.js';
import { describeKill } from '../../harness/index.js';
import { appendReviewMark, fieldChanges } from '../../governance/index.js';
import type { RunTrail } from '../../journal/index.js';
import { type DefinitionParts, noticeEditedDefinition, partsOf, recordEditedDefinition } from '../../daemon/index.js';
import { ackAlert, killAgent, pauseEnd, startAll, stopAll, switchAgent } from '../../switches/index.js';
import type { Dispatch, EffectRunner } from '../store.js';
import type { ConsoleState, Effect } from '../state/types.js';
import { loadAgentDetail, loadAlertEvents, loadCostReport, loadReview, loadRunbookNames, loadText } from './loaders.js';
import { runEditor, spawnRun } from './spawn.js';
import { tailLiveFile } from './live-tail.js';
import { liveFile } from '../../harness/index.js';
import { byCodeUnits, currentUser, formatIsoWall } from '../../shared/index.js';

/**
 * The effects layer: the one place the console touches the home. Loads go
 * through the fleet query and the kept RunTrail (refresh() reads only new
 * bytes); every action goes through the kill-switch functions the CLI uses,
 * with source 'console', so changes.jsonl says where it came from. `r`
 * starts `nightshift run --reason`, which records the request itself; an
 * edit's change is recorded here, with the definitions module the daemon uses.
 */
export interface EffectDeps {
  home: Home;
  binPath: string;
  getState(): ConsoleState;
  now(): Date;
  /** leave the console's screen, run `work` on the terminal, come back */
  suspend(work: () => void): Promise<void>;
  quit(): void;
  env?: NodeJS.ProcessEnv;
  /** a fleet load started before the console was drawn: the first load-fleet takes its result */
  firstLoad?: Promise<{ snapshot: FleetSnapshot; trail: RunTrail }>;
}

const DONE = { pause: 'Paused', resume: 'Resumed', disable: 'Disabled', enable: 'Enabled' } as const;

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export function createEffectRunner(deps: EffectDeps): EffectRunner & { trail(): RunTrail | undefined } {
  const { home } = deps;
  let trail: RunTrail | undefined;
  /** the fleet load in progress: other loads wait for it, so they see the trail it refreshed */
  let fleetLoad: Promise<void> | null = null;
  let fleetAgain = false;
  let firstLoad = deps.firstLoad;
  const running = new Map<string, Promise<void>>();
  const again = new Set<string>();

  const loadFleetNow = (dispatch: Dispatch): void => {
    if (fleetLoad) {
      fleetAgain = true;
      return;
    }
    fleetLoad = (async () => {
      do {
        fleetAgain = false;
        try {
          const early = firstLoad;
          firstLoad = undefined;
          const loaded = early
            ? await early
            : await loadFleet(home, { now: deps.now(), trail, lookedBy: 'console', cron: true });
          trail = loaded.trail;
          dispatch({ type: 'fleet-loaded', snapshot: loaded.snapshot });
          // the header's mark follows the file: broken or fixed since the console opened (a cached parse: cheap)
          const reopened = await openHome(home.root, deps.env, { brokenConfig: 'last-valid' }).catch(() => null);
          if (reopened) dispatch({ type: 'config-checked', problem: reopened.configProblem ?? null });
        } catch (error) {
          dispatch({ type: 'load-failed', what: 'fleet', message: message(error) });
        }
      } while (fleetAgain);
    })().finally(() => {
      fleetLoad = null;
    });
  };

  /** One load per key at a time; a request during a load runs once more after it. */
  const serial = (key: string, dispatch: Dispatch, work: (trail: RunTrail) => Promise<void>): void => {
    if (running.has(key)) {
      again.add(key);
      return;
    }
    const job = (async () => {
      do {
        again.delete(key);
        try {
          if (fleetLoad) await fleetLoad;
          if (!trail) loadFleetNow(dispatch);
          if (fleetLoad) await fleetLoad;
          if (!trail) return;
          await work(trail);
        } catch (error) {
          dispatch({ type: 'load-failed', what: key, message: message(error) });
        }
      } while (again.has(key));
    })().finally(() => running.delete(key));
    running.set(key, job);
  };

  // the journals a change and a review mark go to, as the operator reads them (a shared home's are this host's own)
  const changesShown = relative(home.root, home.paths.changesJournal);
  const reviewsShown = relative(home.root, home.paths.reviewsJournal);
  /** each agent's outputs are named by its own zone's clock (a review lists them by it) */
  const reviewAgents = (): Array<{ name: string; timeZone: string }> =>
    (deps.getState().snapshot?.agents ?? [])
      .map((agent) => ({ name: agent.name, timeZone: agent.definition?.timezone ?? home.defaults.timezone }))
      .sort((a, b) => byCodeUnits(a.name, b.name));

  /** Writes to the home in flight: quitting waits for them, so a change is never half made or unrecorded. */
  const writes = new Set<Promise<unknown>>();
  const track = <T>(work: Promise<T>): Promise<T> => {
    const done = (): void => void writes.delete(settled);
    const settled: Promise<void> = work.then(done, done);
    writes.add(settled);
    return work;
  };

  /** An action's message shows with the fleet as the action left it, not a reload behind. */
  const act = (dispatch: Dispatch, work: () => Promise<string>): void => {
    void track(work()).then(
      async (text) => {
        dispatch({ type: 'refresh' });
        await fleetLoad?.catch(() => undefined);
        dispatch({ type: 'flash', text, tone: 'ok' });
      },
      (error) => dispatch({ type: 'flash', text: message(error), tone: 'error' }),
    );
  };

  /** The agent's trigger, limits and budget as its file says now; null when the file is not valid. */
  const partsNow = async (agent: string): Promise<DefinitionParts | null> => {
    const entry = await loadAgentFile(home.paths.agentFile(agent), home.defaults).catch(() => null);
    return entry?.ok ? partsOf(entry.agent) : null;
  };

  /** agent → when its editor was opened: only records from then on can be of this edit */
  const editedSince = new Map<string, Date>();

  /** `e`: $EDITOR on the agent file; if its trigger, limits or budget changed and nobody recorded it yet, ask why. */
  const edit = async (agent: string, dispatch: Dispatch): Promise<void> => {
    const file = home.paths.agentFile(agent);
    const shown = `agents/${agent}.md`;
    const before = await partsNow(agent);
    const since = deps.now();
    editedSince.set(agent, since);
    let failed: string | null = null;
    await deps.suspend(() => {
      failed = runEditor(file, deps.env);
    });
    try {
      if (failed !== null) return dispatch({ type: 'flash', text: failed, tone: 'error' });
      const outcome = await noticeEditedDefinition(home.paths, agent, before, await partsNow(agent), since);
      switch (outcome.kind) {
        case 'unchanged':
          return dispatch({
            type: 'flash',
            text: `${shown} saved or left as it was: its trigger, limits and budget are unchanged`,
            tone: 'info',
          });
        case 'invalid':
          return dispatch({
            type: 'flash',
            text: `${shown} is not valid now (the fleet says why): e opens it again`,
            tone: 'error',
          });
        case 'recorded':
          return dispatch({
            type: 'flash',
            text: `${shown}: the change is recorded already (by ${outcome.record.by} via ${outcome.record.source}) in logs/changes.jsonl`,
            tone: 'info',
          });
        case 'changed': {
          const fields = fieldChanges({
            action: 'definition',
            before: outcome.change.before,
            after: outcome.change.after,
          }).map((change) => change.field);
          return dispatch({ type: 'definition-edited', agent, change: outcome.change, fields });
        }
      }
    } catch (error) {
      dispatch({
        type: 'flash',
        text: `could not compare ${shown} with what it was: ${message(error)}`,
        tone: 'error',
      });
    } finally {
      dispatch({ type: 'refresh' });
    }
  };

  /** the one live file followed (f), stopped when its view closes or another is followed */
  let stopLive: (() => void) | null = null;
  const followLive = (agent: string, dispatch: Dispatch): void => {
    stopLive?.();
    const wanted = (): boolean => deps.getState().stack.some((view) => view.kind === 'live' && view.agent === agent);
    stopLive = tailLiveFile(liveFile(home.paths, agent), (read) => dispatch({ type: 'live-read', agent, ...read }), {
      wanted,
    });
  };

  const run = (effect: Effect, dispatch: Dispatch): void => {
    switch (effect.kind) {
      case 'load-fleet':
        return loadFleetNow(dispatch);
      case 'load-agent':
        return serial(`agent:${effect.agent}`, dispatch, async (t) =>
          dispatch({
            type: 'data-loaded',
            data: { kind: 'agent', detail: await loadAgentDetail(home, t, effect.agent) },
          }),
        );
      case 'follow-live':
        return followLive(effect.agent, dispatch);
      case 'load-text':
        return serial(`text:${effect.file}`, dispatch, async () =>
          dispatch({
            type: 'data-loaded',
            data: { kind: 'text', file: effect.file, content: await loadText(home, effect.file) },
          }),
        );
      case 'load-alerts':
        return serial('alerts', dispatch, async () =>
          dispatch({ type: 'data-loaded', data: { kind: 'alerts', events: await loadAlertEvents(home) } }),
        );
      case 'load-costs':
        return serial('costs', dispatch, async (t) => {
          const snapshot = deps.getState().snapshot;
          if (snapshot)
            dispatch({ type: 'data-loaded', data: { kind: 'costs', costs: loadCostReport(snapshot, t, deps.now()) } });
        });
      case 'load-runbooks':
        return serial('runbooks', dispatch, async () =>
          dispatch({ type: 'data-loaded', data: { kind: 'runbooks', names: await loadRunbookNames(home) } }),
        );
      case 'load-review':
        return serial('review', dispatch, async (t) =>
          dispatch({
            type: 'data-loaded',
            data: { kind: 'review', review: await loadReview(home, t, reviewAgents(), deps.now()) },
          }),
        );
      case 'switch':
        return act(dispatch, async () => {
          const result = await switchAgent(home, effect.action, effect.agent, {
            reason: effect.reason,
            source: 'console',
            ...(effect.until ? { until: new Date(effect.until) } : {}),
          });
          if (!result.applied) return `Nothing to do: ${result.message}`;
          // a second pause replaces the first's end: said, never silent (switches/pause-end.ts)
          const note = effect.action === 'pause' ? pauseEnd(result.record, home.defaults.timezone).note : '';
          const until = effect.until ? ` until ${formatIsoWall(effect.until, home.defaults.timezone)}` : '';
          const why = effect.reason ? ` (${effect.reason})` : '';
          return `${DONE[effect.action]} ${effect.agent}${until}${why}.${note ? ` ${note}` : ''} Recorded in ${changesShown}.`;
        });
      case 'kill':
        return act(dispatch, async () => {
          const result = await killAgent(home, effect.agent, { reason: effect.reason, source: 'console' });
          if (result.outcome === 'not-running') return `${effect.agent} had no run in flight any more.`;
          if (result.outcome !== 'killed') return describeKill(effect.agent, result);
          const status = result.record ? `, recorded as ${result.record.status}` : '';
          return `Killed the run of ${effect.agent}${status}. Recorded in ${changesShown}.`;
        });
      case 'stop-all':
        return act(dispatch, async () => {
          const result = await stopAll(home, { reason: effect.reason, source: 'console' });
          const killed = result.killed.filter((item) => item.result.outcome === 'killed').map((item) => item.agent);
          const failed =
            result.faults.length > 0 ? `; NOT killed: ${result.faults.map((fault) => fault.message).join('; ')}` : '';
          return `GLOBAL STOP is on: no run starts${killedWords(killed, failed !== '')}${failed}.`;
        });
      case 'start-all':
        return act(dispatch, async () => {
          const result = await startAll(home, { reason: effect.reason, source: 'console' });
          return result.applied
            ? 'Global stop is off: agents run as their own state allows.'
            : `Nothing to do: ${result.message}`;
        });
      case 'ack':
        return act(dispatch, async () => {
          const result = await ackAlert(home, effect.action, effect.key, {
            reason: effect.reason,
            source: 'console',
          });
          if (!result.applied) return `Nothing to do: ${result.message}`;
          return effect.action === 'ack'
            ? `Acknowledged ${effect.key}: not re-sent. Recorded in ${changesShown}.`
            : `${effect.key} is no longer acknowledged. Recorded in ${changesShown}.`;
        });
      case 'run-now':
        // the run records the request (and the reason) itself: `nightshift run --reason`, one place for the CLI and the console
        spawnRun(
          deps.binPath,
          home.root,
          effect.agent,
          (error) => dispatch({ type: 'not-started', agent: effect.agent, message: error.message }),
          deps.env,
          effect.reason,
        );
        return;
      case 'edit':
        void track(edit(effect.agent, dispatch)).catch((error) =>
          dispatch({ type: 'flash', text: `the editor could not be run: ${message(error)}`, tone: 'error' }),
        );
        return;
      case 'record-definition': {
        const shown = `agents/${effect.agent}.md`;
        const since = editedSince.get(effect.agent);
        editedSince.delete(effect.agent);
        void track(
          recordEditedDefinition(home.paths, effect.change, {
            reason: effect.reason,
            author: { by: currentUser(deps.env), source: 'console' },
            at: deps.now(),
            since,
          }),
        ).then(
          (record) => {
            const text = record
              ? `Recorded the change to ${shown}${effect.reason ? ` (${effect.reason})` : ' without a reason'} in logs/changes.jsonl.`
              : `The change to ${shown} was recorded already (the daemon saw it first); nothing added.`;
            dispatch({ type: 'flash', text, tone: record ? 'ok' : 'info' });
            dispatch({ type: 'refresh' });
          },
          (error) =>
            dispatch({
              type: 'flash',
              text: `the change to ${shown} was NOT recorded: ${message(error)}`,
              tone: 'error',
            }),
        );
        return;
      }
      case 'review':
        // the same writer as `nightshift review`
        void track(
          appendReviewMark(home.paths, {
            agent: effect.agent,
            by: currentUser(deps.env),
            note: effect.note,
            concern: effect.concern,
            outputFile: effect.outputFile,
            now: deps.now(),
          }),
        )
          .then(
            () => `${effect.concern ? 'Concern noted for' : 'Reviewed'} ${effect.agent}. Recorded in ${reviewsShown}.`,
          )
          .then(
            (text) => dispatch({ type: 'flash', text, tone: 'ok' }),
            (error) =>
              dispatch({
                type: 'flash',
                text: `the review mark for ${effect.agent} was NOT recorded: ${message(error)}`,
                tone: 'error',
              }),
          );
        return;
      case 'quit':
        if (writes.size === 0) deps.quit();
        else void Promise.allSettled([...writes]).then(() => deps.quit());
        return;
    }
  };
  return Object.assign(run, { trail: () => trail });
}

/** What stop-all ended, for the flash line: the agents killed, or that none was in flight (unless some could not be killed). */
function killedWords(killed: string[], someFailed: boolean): string {
  if (killed.length > 0) return `; killed ${killed.join(', ')}`;
  return someFailed ? '' : '; no run was in flight';
}
