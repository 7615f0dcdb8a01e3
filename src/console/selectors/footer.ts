import { footerBindings } from '../keymap.js';
import { modeOf, topView } from '../state/mode.js';
import type { ConsoleState, Flash } from '../state/types.js';
import type { Color, Line } from './cells.js';
import { commandLine } from './command.js';
import { visibleAgents } from './fleet.js';

const FLASH_COLOR: Record<Flash['tone'], Color> = { error: 'red', ok: 'green', info: 'cyan' };

/** The keys of the current mode, as many as fit. */
export function footerLine(state: ConsoleState, width: number): Line {
  const line: Line = [];
  let used = 0;
  const overlay = state.overlay;
  const concernApplies = overlay?.kind === 'prompt' && overlay.concern !== null;
  // after an edit the file is saved: esc does not undo it, it only leaves the reason out
  const editRecorded = overlay?.kind === 'prompt' && overlay.purpose.kind === 'definition';
  for (const binding of footerBindings(modeOf(state), state.readonly)) {
    if (binding.action.type === 'toggle-concern' && !concernApplies) continue;
    const label = binding.label.split(' ')[0] as string;
    const hint = editRecorded && binding.action.type === 'cancel' ? 'no reason' : (binding.hint ?? binding.does);
    const cost = label.length + hint.length + 4;
    if (used + cost > width) break;
    line.push({ text: label, bold: true, color: 'cyan' }, { text: ` ${hint}   `, dim: true });
    used += cost;
  }
  return line;
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

/** The two lines of an open prompt: the question, then the input with what enter and esc do. */
export function promptLines(state: ConsoleState): Line[] {
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
  return [[{ text: overlay.title, bold: true, color: overlay.danger ? 'red' : 'yellow' }], input];
}
