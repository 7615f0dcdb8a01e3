import type { ConsoleState, Mode, View } from './types.js';

export function topView(state: ConsoleState): View {
  return state.stack[state.stack.length - 1] ?? { kind: 'fleet' };
}

/** The mode the key router looks at: an open overlay wins over the view under it. */
export function modeOf(state: ConsoleState): Mode {
  const overlay = state.overlay;
  if (overlay?.kind === 'prompt') return overlay.danger ? 'confirm' : 'prompt';
  if (overlay) return overlay.kind;
  return topView(state).kind;
}
