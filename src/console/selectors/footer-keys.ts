import { type Binding, footerBindings, GLOBAL_BINDINGS } from '../keymap.js';
import { modeOf } from '../state/mode.js';
import type { ConsoleState } from '../state/types.js';
import type { Line } from './cells.js';

/**
 * The footer's keys, fitted to the terminal. When they do not all fit, the
 * operator's levers go last: the kill switches (x, S), pause and disable and
 * `?` stay, then quit/back and the view's own keys, then the other views, and
 * the movement keys everyone knows go first. What is left out is announced by
 * `?` itself ("? more keys"), and the keys keep their order on screen. The
 * footer's two lines are the message line and the keys: with no message to
 * show, the keys may take both (footerLines), so the frame's height is the
 * same whatever the width.
 */
interface Key {
  label: string;
  hint: string;
  /** lower: kept longer */
  rank: number;
  /** footer order: where it sits on the line */
  order: number;
  help: boolean;
}

const GAP = 3;

function rank(binding: Binding): number {
  const action = binding.action;
  if (action.type === 'op' && (action.op === 'kill' || action.op === 'stop-all')) return 0;
  if (action.type === 'op' && (action.op === 'pause' || action.op === 'disable')) return 1;
  if (action.type === 'show' && action.view === 'help') return 1;
  if (binding.op) return 2;
  if (action.type === 'move' || action.type === 'move-to' || action.type === 'page') return 6;
  // the other views (R, A, C, B): every view has them, help lists them
  if (GLOBAL_BINDINGS.includes(binding)) return 5;
  return (binding.footer ?? 0) < 10 ? 3 : 4;
}

function keysOf(state: ConsoleState): Key[] {
  const overlay = state.overlay;
  const concernApplies = overlay?.kind === 'prompt' && overlay.concern !== null;
  // after an edit the file is saved: esc does not undo it, it only leaves the reason out
  const editRecorded = overlay?.kind === 'prompt' && overlay.purpose.kind === 'definition';
  const keys: Key[] = [];
  for (const binding of footerBindings(modeOf(state), state.readonly)) {
    if (binding.action.type === 'toggle-concern' && !concernApplies) continue;
    const hint = editRecorded && binding.action.type === 'cancel' ? 'no reason' : (binding.hint ?? binding.does);
    keys.push({
      label: binding.label.split(' ')[0] as string,
      hint,
      rank: rank(binding),
      order: binding.footer as number,
      help: binding.action.type === 'show' && binding.action.view === 'help',
    });
  }
  return keys;
}

const size = (key: Key): number => Array.from(key.label).length + 1 + Array.from(key.hint).length;

/** The keys (in footer order) over lines of `width`, or null when they need more than `max` lines. */
function wrap(keys: Key[], width: number, max: number): Key[][] | null {
  const lines: Key[][] = [[]];
  let used = 0;
  for (const key of keys) {
    const line = lines[lines.length - 1] as Key[];
    const need = line.length === 0 ? size(key) : GAP + size(key);
    if (used + need <= width) {
      line.push(key);
      used += need;
      continue;
    }
    if (lines.length === max || size(key) > width) return null;
    lines.push([key]);
    used = size(key);
  }
  return lines;
}

function choose(keys: Key[], width: number, max: number): Key[][] {
  let chosen: Key[] = [];
  let lines: Key[][] = [[]];
  for (const key of [...keys].sort((a, b) => a.rank - b.rank || a.order - b.order)) {
    const trial = [...chosen, key].sort((a, b) => a.order - b.order);
    const fitted = wrap(trial, width, max);
    if (!fitted) continue;
    chosen = trial;
    lines = fitted;
  }
  return lines;
}

/** The key lines of the current mode: at most `max` (1 or 2) lines of `width`. */
export function footerKeyLines(state: ConsoleState, width: number, max: number): Line[] {
  const keys = keysOf(state);
  let lines = choose(keys, width, max);
  if (lines.flat().length < keys.length) {
    // some keys are left out: ? says there are more
    lines = choose(
      keys.map((key) => (key.help ? { ...key, hint: 'more keys' } : key)),
      width,
      max,
    );
  }
  return lines.map((line) =>
    line.flatMap((key, i) => [
      { text: key.label, bold: true, color: 'cyan' as const },
      { text: i < line.length - 1 ? ` ${key.hint}${' '.repeat(GAP)}` : ` ${key.hint}`, dim: true },
    ]),
  );
}
