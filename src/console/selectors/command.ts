import { availableCommands } from '../state/command-line.js';
import type { ConsoleState } from '../state/types.js';
import type { Line } from './cells.js';

/** The `:` line as the status line draws it: what is typed, then what tab found. */
export function commandLine(state: ConsoleState): Line {
  const overlay = state.overlay;
  if (overlay?.kind !== 'command') return [];
  const line: Line = [
    { text: ':', bold: true, color: 'yellow' },
    { text: overlay.text, bold: true },
    { text: '▏', color: 'yellow' },
  ];
  if (overlay.candidates.length > 0) line.push({ text: `   ${overlay.candidates.join('  ')}`, dim: true });
  else if (overlay.text === '') line.push({ text: '   tab lists the commands · enter runs · esc cancels', dim: true });
  return line;
}

/** Help's list of commands: the actions are left out when read-only. */
export function commandHelpLines(readonly: boolean): Line[] {
  return availableCommands(readonly).map((spec) => {
    const usage =
      spec.arg === 'none' ? `:${spec.name}` : `:${spec.name} <${spec.arg === 'runbook' ? 'name' : 'agent'}>`;
    return [{ text: `  ${usage.padEnd(22)}`, color: 'cyan', bold: true }, { text: spec.does }];
  });
}
