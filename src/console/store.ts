import { reduce } from './state.js';
import type { Action, ConsoleState, Effect } from './state/types.js';

/**
 * The reducer's state held outside React: components subscribe to it, the
 * input hook and the effects layer dispatch to it. Effects the reducer asks
 * for are taken out of the state and handed to the runner after subscribers
 * have seen the new state. Keeping the store outside React also lets the
 * console unmount Ink for $EDITOR and mount it again with nothing lost.
 */
export type Dispatch = (action: Action) => void;
export type EffectRunner = (effect: Effect, dispatch: Dispatch) => void;

export interface Store {
  getState(): ConsoleState;
  dispatch: Dispatch;
  subscribe(listener: () => void): () => void;
  /** hands pending effects (the initial load) to the runner */
  drain(): void;
}

export function createStore(initial: ConsoleState, runner: EffectRunner = () => undefined): Store {
  let state = initial;
  const listeners = new Set<() => void>();
  const drain = (): void => {
    const effects = state.pending;
    if (effects.length === 0) return;
    state = { ...state, pending: [] };
    for (const effect of effects) runner(effect, dispatch);
  };
  const dispatch: Dispatch = (action) => {
    const next = reduce(state, action);
    if (next === state) return;
    const effects = next.pending;
    state = effects.length > 0 ? { ...next, pending: [] } : next;
    for (const listener of listeners) listener();
    for (const effect of effects) runner(effect, dispatch);
  };
  return {
    getState: () => state,
    dispatch,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    drain,
  };
}
