import { topView } from '../state/mode.js';
import type { ConsoleState, Flash } from '../state/types.js';
import { type Color, type Line, wrapLine } from './cells.js';
import { commandLine } from './command.js';
import { visibleAgents } from './fleet.js';
import { footerKeyLines } from './footer-keys.js';

const FLASH_COLOR: Record<Flash['tone'], Color> = { error: 'red', ok: 'green', info: 'cyan' };

/** The keys of the current mode on one line, the levers first when not all fit (footer-keys.ts). */
export function footerLine(state: ConsoleState, width: number): Line {
  return footerKeyLines(state, width, 1)[0] ?? [];
}

/**
 * The footer's two lines (FOOTER_LINES): the message line over the keys, or,
 * when there is no message and the keys need more than one line, the keys on
 * both, so on a narrow terminal the kill switches and the rest still show.
 */
export function footerLines(state: ConsoleState, width: number): [Line, Line] {
  const message = messageLine(state);
  // an open prompt sits between the two lines: the keys stay on one, under it
  if (message.length > 0 || state.overlay) return [message, footerLine(state, width)];
  const keys = footerKeyLines(state, width, 2);
  return keys.length > 1 ? [keys[0] as Line, keys[1] as Line] : [[], keys[0] ?? []];
}

/** The line above the keys: what is being typed, else the last message, else a quiet hint. */
export function messageLine(state: ConsoleState): Line {
  const overlay = state.overlay;
  if (overlay?.kind === 'filter') {
    const count = visibleAgents(state).length;
    return [
      { text: '/', bold: true, color: 'yellow' },
      { text: ` ${state.fleet.filter}`, bold: true },
      { text: '▏', color: 'yellow' },
      { text: `  ${count} of ${state.snapshot?.agents.length ?? 0} agents match`, dim: true },
    ];
  }
  if (overlay?.kind === 'search') {
    const view = topView(state);
    return [
      { text: 'search /', bold: true, color: 'yellow' },
      { text: ` ${view.kind === 'runbook' || view.kind === 'output' ? (view.search ?? '') : ''}`, bold: true },
      { text: '▏', color: 'yellow' },
    ];
  }
  if (overlay?.kind === 'command') return commandLine(state);
  if (state.flash)
    return [{ text: state.flash.text, color: FLASH_COLOR[state.flash.tone], bold: state.flash.tone !== 'info' }];
  return [];
}

/** The lines of an open prompt: the question (wrapped over two lines when it is wider than `width`), then the input with what enter and esc do. */
export function promptLines(state: ConsoleState, width = Infinity): Line[] {
  const overlay = state.overlay;
  if (overlay?.kind !== 'prompt') return [];
  const input: Line = [
    { text: '› ', bold: true, color: overlay.danger ? 'red' : 'yellow' },
    { text: overlay.text, bold: true },
    { text: '▏', color: 'yellow' },
  ];
  if (overlay.concern !== null)
    input.push(
      {
        text: overlay.concern ? '   [x] concern' : '   [ ] concern',
        color: overlay.concern ? 'yellow' : undefined,
        bold: overlay.concern,
      },
      { text: ' (tab)', dim: true },
    );
  input.push({ text: `   ${overlay.hint}`, dim: true });
  const title: Line = [{ text: overlay.title, bold: true, color: overlay.danger ? 'red' : 'yellow' }];
  const question = Array.from(overlay.title).length > width ? wrapLine(title, width, 2) : [title];
  return [...question, input];
}
