import { topView } from './mode.js';
import type { ConsoleState, Effect, Flash, View } from './types.js';

/** Small pure building blocks the reducers share. */
export const FLASH_MS = 6000;

export function withEffects(state: ConsoleState, ...effects: Effect[]): ConsoleState {
  return effects.length === 0 ? state : { ...state, pending: [...state.pending, ...effects] };
}

export function flash(state: ConsoleState, text: string, tone: Flash['tone'] = 'info'): ConsoleState {
  return { ...state, flash: { text, tone, until: state.now + FLASH_MS } };
}

export function replaceTop(state: ConsoleState, view: View): ConsoleState {
  return { ...state, stack: [...state.stack.slice(0, -1), view] };
}

/** Opens a view; one already open of the same kind is closed first, so esc never walks through the same view twice. */
export function push(state: ConsoleState, view: View): ConsoleState {
  const existing = state.stack.findIndex((v) => v.kind === view.kind);
  const base = existing > 0 ? state.stack.slice(0, existing) : state.stack;
  return { ...state, stack: [...base, view], overlay: null };
}

export function pop(state: ConsoleState): ConsoleState {
  if (state.stack.length <= 1) return state;
  return { ...state, stack: state.stack.slice(0, -1), overlay: null };
}

export function updateTop<K extends View['kind']>(
  state: ConsoleState,
  kind: K,
  change: (view: Extract<View, { kind: K }>) => Extract<View, { kind: K }>,
): ConsoleState {
  const view = topView(state);
  if (view.kind !== kind) return state;
  return replaceTop(state, change(view as Extract<View, { kind: K }>));
}
