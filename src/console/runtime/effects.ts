import { type FleetSnapshot, loadFleet } from '../../fleet/index.js';
import type { Home } from '../../home/index.js';
import { appendReviewMark } from '../../governance/index.js';
import type { RunTrail } from '../../journal/index.js';
import { killAgent, startAll, stopAll, switchAgent } from '../../schedule/index.js';
import type { Dispatch, EffectRunner } from '../store.js';
import type { ConsoleState, Effect } from '../state/types.js';
import { loadAgentDetail, loadAlertEvents, loadCostReport, loadReview, loadRunbookNames, loadText } from './loaders.js';
import { runEditor, spawnRun, whoami } from './spawn.js';

/**
 * The effects layer: the one place the console touches the home. Loads go
 * through the fleet query and the kept RunTrail (refresh() reads only new
 * bytes); every action goes through the kill-switch functions the CLI uses,
 * with source 'console', so changes.jsonl says where it came from.
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
          const loaded = early ? await early : await loadFleet(home, { now: deps.now(), trail, lookedBy: 'console' });
          trail = loaded.trail;
          dispatch({ type: 'fleet-loaded', snapshot: loaded.snapshot });
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

  const agentNames = (): string[] => (deps.getState().snapshot?.agents ?? []).map((agent) => agent.name).sort();

  /** An action's message shows with the fleet as the action left it, not a reload behind. */
  const act = (dispatch: Dispatch, work: () => Promise<string>): void => {
    void work().then(
      async (text) => {
        dispatch({ type: 'refresh' });
        await fleetLoad?.catch(() => undefined);
        dispatch({ type: 'flash', text, tone: 'ok' });
      },
      (error) => dispatch({ type: 'flash', text: message(error), tone: 'error' }),
    );
  };

  const run = (effect: Effect, dispatch: Dispatch): void => {
    switch (effect.kind) {
      case 'load-fleet':
        return loadFleetNow(dispatch);
      case 'load-agent':
        return serial(`agent:${effect.agent}`, dispatch, async (t) => dispatch({ type: 'data-loaded', data: { kind: 'agent', detail: await loadAgentDetail(home, t, effect.agent) } }));
      case 'load-text':
        return serial(`text:${effect.file}`, dispatch, async () => dispatch({ type: 'data-loaded', data: { kind: 'text', file: effect.file, content: await loadText(home, effect.file) } }));
      case 'load-alerts':
        return serial('alerts', dispatch, async () => dispatch({ type: 'data-loaded', data: { kind: 'alerts', events: await loadAlertEvents(home) } }));
      case 'load-costs':
        return serial('costs', dispatch, async (t) => {
          const snapshot = deps.getState().snapshot;
          if (snapshot) dispatch({ type: 'data-loaded', data: { kind: 'costs', costs: loadCostReport(snapshot, t, deps.now()) } });
        });
      case 'load-runbooks':
        return serial('runbooks', dispatch, async () => dispatch({ type: 'data-loaded', data: { kind: 'runbooks', names: await loadRunbookNames(home) } }));
      case 'load-review':
        return serial('review', dispatch, async (t) => dispatch({ type: 'data-loaded', data: { kind: 'review', review: await loadReview(home, t, agentNames(), deps.now()) } }));
      case 'switch':
        return act(dispatch, async () => {
          const result = await switchAgent(home, effect.action, effect.agent, { reason: effect.reason, source: 'console' });
          if (!result.applied) return `Nothing to do: ${result.message}`;
          return `${DONE[effect.action]} ${effect.agent}${effect.reason ? ` (${effect.reason})` : ''}. Recorded in logs/changes.jsonl.`;
        });
      case 'kill':
        return act(dispatch, async () => {
          const result = await killAgent(home, effect.agent, { reason: effect.reason, source: 'console' });
          if (result.outcome === 'not-running') return `${effect.agent} had no run in flight any more.`;
          const status = result.record ? `, recorded as ${result.record.status}` : '';
          return `Killed the run of ${effect.agent}${status}. Recorded in logs/changes.jsonl.`;
        });
      case 'stop-all':
        return act(dispatch, async () => {
          const result = await stopAll(home, { reason: effect.reason, source: 'console' });
          const killed = result.killed.map((item) => item.agent);
          return `GLOBAL STOP is on: no run starts${killed.length > 0 ? `; killed ${killed.join(', ')}` : '; no run was in flight'}.`;
        });
      case 'start-all':
        return act(dispatch, async () => {
          const result = await startAll(home, { reason: effect.reason, source: 'console' });
          return result.applied ? 'Global stop is off: agents run as their own state allows.' : `Nothing to do: ${result.message}`;
        });
      case 'run-now':
        spawnRun(deps.binPath, home.root, effect.agent, (error) => dispatch({ type: 'not-started', agent: effect.agent, message: error.message }), deps.env);
        return;
      case 'edit': {
        const file = home.paths.agentFile(effect.agent);
        void deps
          .suspend(() => {
            const failed = runEditor(file, deps.env);
            if (failed) dispatch({ type: 'flash', text: failed, tone: 'error' });
            else dispatch({ type: 'flash', text: `${file} saved or left as it was; the fleet re-reads it`, tone: 'info' });
          })
          .then(() => dispatch({ type: 'refresh' }));
        return;
      }
      case 'review':
        // the same writer as `nightshift review`
        void appendReviewMark(home.paths, { agent: effect.agent, by: whoami(deps.env), note: effect.note, concern: effect.concern, outputFile: effect.outputFile, now: deps.now() })
          .then(() => `${effect.concern ? 'Concern noted for' : 'Reviewed'} ${effect.agent}. Recorded in logs/reviews.jsonl.`)
          .then(
          (text) => dispatch({ type: 'flash', text, tone: 'ok' }),
          (error) => dispatch({ type: 'flash', text: `the review mark for ${effect.agent} was NOT recorded: ${message(error)}`, tone: 'error' }),
        );
        return;
      case 'quit':
        deps.quit();
        return;
    }
  };
  return Object.assign(run, { trail: () => trail });
}
