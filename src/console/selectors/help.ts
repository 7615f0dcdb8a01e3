import { documented, GLOBAL_BINDINGS } from '../keymap.js';
import { fit } from '../format.js';
import type { Mode } from '../state/types.js';
import type { Line } from './cells.js';
import { commandHelpLines } from './command.js';

/** Help is the key table itself, grouped by view: what you read here is what the router does. */
const SECTIONS: Array<[Mode | 'everywhere', string]> = [
  ['everywhere', 'Everywhere'],
  ['fleet', 'Fleet (the home screen)'],
  ['agent', 'Agent view'],
  ['output', 'Output pane'],
  ['review', 'Review (R)'],
  ['alerts', 'Alerts (A)'],
  ['costs', 'Costs (C)'],
  ['runbooks', 'Runbooks (B)'],
  ['runbook', 'Runbook reader'],
  ['live', 'Live view (f on a running agent)'],
  ['filter', 'Filter (/ in the fleet)'],
  ['search', 'Search (/ in a runbook or an output)'],
  ['command', 'Command line (: in any view)'],
  ['prompt', 'Reason and note prompts'],
  ['confirm', 'Confirmations (d, x, S)'],
  ['help', 'Help'],
];

export function helpLines(readonly: boolean): Line[] {
  const lines: Line[] = [];
  if (readonly)
    lines.push(
      [
        {
          text: 'Read-only console (--readonly): the actions (run, pause, disable, kill, edit, stop all, review marks) are off.',
          color: 'yellow',
        },
      ],
      [],
    );
  for (const [mode, title] of SECTIONS) {
    // read-only opens no reason prompt or confirmation: their sections would only name actions
    if (readonly && (mode === 'prompt' || mode === 'confirm')) continue;
    const own =
      mode === 'everywhere'
        ? GLOBAL_BINDINGS
        : documented(mode, readonly).filter((binding) => !GLOBAL_BINDINGS.includes(binding));
    if (own.length === 0) continue;
    lines.push([{ text: title, bold: true, color: 'magenta' }]);
    for (const binding of own)
      lines.push([{ text: `  ${fit(binding.label, 12)}`, color: 'cyan', bold: true }, { text: binding.does }]);
    lines.push([]);
  }
  lines.push([{ text: 'Commands (type : then one of these; tab completes names)', bold: true, color: 'magenta' }]);
  lines.push(...commandHelpLines(readonly), []);
  if (!readonly)
    lines.push([
      {
        text: 'Destructive actions never sit on a navigation key and always ask first; each asks why, and the reason goes to logs/changes.jsonl.',
        dim: true,
      },
    ]);
  if (!readonly)
    lines.push([
      {
        text: 'r asks why too (enter alone runs it without a reason); so does a change to an agent’s trigger, limits or budget made with e.',
        dim: true,
      },
    ]);
  return lines;
}
