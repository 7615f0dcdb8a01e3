import type { Action, Mode } from './state/types.js';

/**
 * Every key the console answers to, per mode, as data: the router, the footer
 * and the help view all read this one table, so a key cannot work without
 * being documented or be documented without working. Habits of k9s and
 * lazydocker: j/k and arrows, g/G, enter, esc, `/`, `?`, `q`. Operator actions
 * are letters that no navigation uses, and every destructive one asks first.
 */
export interface Binding {
  /** key names, as keyNames() makes them */
  keys: string[];
  /** how help and footer show the keys */
  label: string;
  does: string;
  action: Action;
  /** an operator action: hidden and refused with --readonly */
  op?: boolean;
  /** shown in the footer, in this order (lower first) */
  footer?: number;
  /** the footer's short word for it (default: `does`) */
  hint?: string;
}

/** The Ink key flags the console looks at (a subset of Ink's Key). */
export interface KeyFlags {
  upArrow?: boolean;
  downArrow?: boolean;
  leftArrow?: boolean;
  rightArrow?: boolean;
  pageUp?: boolean;
  pageDown?: boolean;
  home?: boolean;
  end?: boolean;
  return?: boolean;
  escape?: boolean;
  ctrl?: boolean;
  shift?: boolean;
  tab?: boolean;
  backspace?: boolean;
  delete?: boolean;
  meta?: boolean;
}

/**
 * Ink's (input, key) as key names: 'up', 'pgdn', 'enter', 'esc', 'tab',
 * 'backspace', 'ctrl-c', or the typed characters one by one (a paste or
 * two keys in one read arrive as one string).
 */
export function keyNames(input: string, key: KeyFlags): string[] {
  // Ink 6 also sets meta on a bare Esc: escape first
  if (key.escape) return ['esc'];
  if (key.return) return ['enter'];
  if (key.upArrow) return ['up'];
  if (key.downArrow) return ['down'];
  if (key.leftArrow) return ['left'];
  if (key.rightArrow) return ['right'];
  if (key.pageUp) return ['pgup'];
  if (key.pageDown) return ['pgdn'];
  if (key.home) return ['home'];
  if (key.end) return ['end'];
  if (key.tab) return [key.shift ? 'btab' : 'tab'];
  // Ink reports Backspace as delete
  if (key.backspace || key.delete) return ['backspace'];
  if (key.ctrl) return input ? [`ctrl-${input.toLowerCase()}`] : [];
  // Esc then a key, typed fast, reaches Ink as one "ESC x" sequence (meta + x); there are no Alt bindings, so it is both keys
  if (key.meta) return input ? ['esc', ...keyNames(input, {})] : [];
  // Ink hands a burst of plain keys (a paste, or "STOP⏎" typed fast) over as one string
  return Array.from(input)
    .map((c) => CONTROL_KEYS[c] ?? c)
    .filter((name) => name.length > 1 || name >= ' ');
}

const CONTROL_KEYS: Record<string, string> = {
  '\r': 'enter',
  '\n': 'enter',
  '\t': 'tab',
  '\u007f': 'backspace',
  '\b': 'backspace',
  '\u0003': 'ctrl-c',
};

const b = (keys: string[], label: string, does: string, action: Action, extra: Partial<Binding> = {}): Binding => ({
  keys,
  label,
  does,
  action,
  ...extra,
});

const NAV: Binding[] = [
  b(['j', 'down'], 'j/k ↑/↓', 'move down / up', { type: 'move', delta: 1 }, { footer: 10, hint: 'move' }),
  b(['k', 'up'], '', '', { type: 'move', delta: -1 }),
  b(['g', 'home'], 'g/G', 'first / last', { type: 'move-to', where: 'top' }),
  b(['G', 'end'], '', '', { type: 'move-to', where: 'bottom' }),
  b(['pgdn', 'ctrl-d'], 'PgDn/PgUp', 'page down / up (also ctrl-d/ctrl-u)', { type: 'page', dir: 1 }),
  b(['pgup', 'ctrl-u'], '', '', { type: 'page', dir: -1 }),
];

const SCROLL: Binding[] = [
  b(['j', 'down'], 'j/k ↑/↓', 'scroll down / up', { type: 'move', delta: 1 }, { footer: 10, hint: 'scroll' }),
  b(['k', 'up'], '', '', { type: 'move', delta: -1 }),
  b(['g', 'home'], 'g/G', 'top / bottom', { type: 'move-to', where: 'top' }),
  b(['G', 'end'], '', '', { type: 'move-to', where: 'bottom' }),
  b(
    ['pgdn', 'ctrl-d', ' '],
    'PgDn/PgUp',
    'page down / up (also space, ctrl-d/ctrl-u)',
    { type: 'page', dir: 1 },
    { footer: 11, hint: 'page' },
  ),
  b(['pgup', 'ctrl-u'], '', '', { type: 'page', dir: -1 }),
];

const BACK: Binding[] = [b(['esc', 'q'], 'esc/q', 'back', { type: 'back' }, { footer: 1, hint: 'back' })];

/** `:` opens the command line (state/command-line.ts lists what it takes). */
const COMMAND_LINE: Binding = b(
  [':'],
  ':',
  'command line: :alerts, :costs, :<agent>… (tab completes; all listed below)',
  { type: 'command' },
  { footer: 64, hint: 'command' },
);

/** Every view: the other views, help, quit. */
export const GLOBAL_BINDINGS: Binding[] = [
  b(
    ['R'],
    'R',
    'review: the Monday ritual, one agent at a time',
    { type: 'show', view: 'review' },
    { footer: 60, hint: 'review' },
  ),
  b(
    ['A'],
    'A',
    'alerts: open, then recently resolved',
    { type: 'show', view: 'alerts' },
    { footer: 61, hint: 'alerts' },
  ),
  b(
    ['C'],
    'C',
    'costs: by agent, this month against last, anomalies',
    { type: 'show', view: 'costs' },
    { footer: 62, hint: 'costs' },
  ),
  b(
    ['B'],
    'B',
    'runbooks: one per agent (in an agent’s view, B opens its own)',
    { type: 'show', view: 'runbooks' },
    { footer: 63, hint: 'runbooks' },
  ),
  b(['?'], '?', 'help: every key of every view', { type: 'show', view: 'help' }, { footer: 0, hint: 'help' }),
  COMMAND_LINE,
  b(['ctrl-c'], 'ctrl-c', 'quit from anywhere', { type: 'quit' }),
];

/** The levers on one agent, from the fleet or its own view. */
const AGENT_OPS: Binding[] = [
  b(
    ['r'],
    'r',
    'run now (asks why, optional; manual trigger; keeps running if you quit)',
    { type: 'op', op: 'run' },
    { op: true, footer: 30, hint: 'run' },
  ),
  b(
    ['p'],
    'p',
    'pause / resume (asks for a reason)',
    { type: 'op', op: 'pause' },
    { op: true, footer: 31, hint: 'pause' },
  ),
  b(
    ['d'],
    'd',
    'disable / enable (asks to confirm, with a reason)',
    { type: 'op', op: 'disable' },
    { op: true, footer: 32, hint: 'disable' },
  ),
  b(
    ['x'],
    'x',
    'kill the run in flight (asks to confirm, with a reason)',
    { type: 'op', op: 'kill' },
    { op: true, footer: 33, hint: 'kill' },
  ),
  b(
    ['e'],
    'e',
    'edit the agent file in $EDITOR (a changed trigger, limits or budget asks why)',
    { type: 'op', op: 'edit' },
    { op: true, footer: 34, hint: 'edit' },
  ),
];

/** f: not an action (it only reads), so --readonly keeps it. */
const FOLLOW: Binding = b(
  ['f'],
  'f',
  'follow the run in flight: model calls, tool calls (inputs redacted), time, calls and cost against the limits',
  { type: 'follow' },
  { footer: 40, hint: 'follow' },
);

const STOP_ALL: Binding = b(
  ['S'],
  'S',
  'stop everything: global stop + kill all runs (type STOP); again: start all',
  { type: 'op', op: 'stop-all' },
  { op: true, footer: 35, hint: 'stop all' },
);

const EDITING: Binding[] = [
  b(['backspace'], 'backspace', 'delete a character', { type: 'backspace' }),
  b(['ctrl-c'], 'ctrl-c', 'quit', { type: 'quit' }),
];

const TEXT_ENTRY: Binding[] = [
  b(['enter'], 'enter', 'confirm', { type: 'submit' }, { footer: 1 }),
  b(['esc'], 'esc', 'cancel', { type: 'cancel' }, { footer: 2 }),
  ...EDITING,
];

export const BINDINGS: Record<Mode, Binding[]> = {
  fleet: [
    ...NAV,
    b(['enter', 'right', 'l'], 'enter', 'open the agent', { type: 'open' }, { footer: 12, hint: 'open' }),
    b(['/'], '/', 'filter (name, owner, trigger, status)', { type: 'filter' }, { footer: 13, hint: 'filter' }),
    b(['s'], 's', 'sort: name → last status → next run → cost', { type: 'sort' }, { footer: 14, hint: 'sort' }),
    b(['esc'], 'esc', 'clear the filter', { type: 'clear-filter' }),
    ...AGENT_OPS,
    STOP_ALL,
    FOLLOW,
    b(['q'], 'q', 'quit', { type: 'quit' }, { footer: 1, hint: 'quit' }),
    ...GLOBAL_BINDINGS,
  ],
  agent: [
    ...NAV,
    b(
      ['tab', 'btab'],
      'tab',
      'switch panel: runs · last output · changes',
      { type: 'tab' },
      { footer: 11, hint: 'panel' },
    ),
    b(
      ['enter', 'o'],
      'o/enter',
      'open the selected run’s output',
      { type: 'open-output' },
      { footer: 12, hint: 'output' },
    ),
    ...AGENT_OPS,
    STOP_ALL,
    FOLLOW,
    b(['esc', 'q', 'left', 'h'], 'esc/q', 'back to the fleet', { type: 'back' }, { footer: 1, hint: 'back' }),
    b(
      ['v'],
      'v',
      'view the agent file: its definition and prompt, read-only',
      { type: 'open-definition' },
      { footer: 13, hint: 'agent file' },
    ),
    // in place of the global B (the list of runbooks): here B opens this agent's own
    b(
      ['B'],
      'B',
      'this agent’s runbook (runbooks/<agent>.md): what it does, how to stop it',
      { type: 'show', view: 'runbooks' },
      { footer: 63, hint: 'runbook' },
    ),
    ...GLOBAL_BINDINGS.filter((binding) => !binding.keys.includes('B')),
  ],
  output: [
    ...SCROLL,
    b(['/'], '/', 'search in the output', { type: 'search' }, { footer: 12, hint: 'search' }),
    b(['n'], 'n/N', 'next / previous match', { type: 'search-next', dir: 1 }, { footer: 13, hint: 'next match' }),
    b(['N'], '', '', { type: 'search-next', dir: -1 }),
    ...BACK,
    ...GLOBAL_BINDINGS,
  ],
  live: [...BACK, ...GLOBAL_BINDINGS],
  review: [
    b(['n'], 'n', 'draw another random output of the week', { type: 'draw' }, { footer: 3, hint: 'another output' }),
    b(
      ['m'],
      'm',
      'mark reviewed, with an optional note',
      { type: 'op', op: 'mark' },
      { op: true, footer: 4, hint: 'mark reviewed' },
    ),
    b(
      ['c'],
      'c',
      'mark reviewed with a concern (a note says what)',
      { type: 'op', op: 'concern' },
      { op: true, footer: 5, hint: 'concern' },
    ),
    b(
      ['right', 'l'],
      '→/l ←/h',
      'next / previous agent without marking',
      { type: 'review-step', delta: 1 },
      { footer: 6, hint: 'next/prev agent' },
    ),
    b(['left', 'h'], '', '', { type: 'review-step', delta: -1 }),
    ...SCROLL,
    ...BACK,
    ...GLOBAL_BINDINGS,
  ],
  alerts: [
    ...NAV,
    b(['enter'], 'enter', 'open the alert’s agent', { type: 'open' }, { footer: 12, hint: 'open agent' }),
    b(
      ['a'],
      'a',
      'acknowledge the selected open alert (asks why): it stays open, not re-sent; again: end the ack',
      { type: 'op', op: 'ack' },
      { op: true, footer: 13, hint: 'ack' },
    ),
    ...BACK,
    ...GLOBAL_BINDINGS,
  ],
  costs: [
    ...NAV,
    b(['enter'], 'enter', 'open the agent', { type: 'open' }, { footer: 12, hint: 'open' }),
    ...BACK,
    ...GLOBAL_BINDINGS,
  ],
  runbooks: [
    ...NAV,
    b(['enter', 'right', 'l'], 'enter', 'read the runbook', { type: 'open' }, { footer: 12, hint: 'read' }),
    ...BACK,
    ...GLOBAL_BINDINGS,
  ],
  runbook: [
    ...SCROLL,
    b(['/'], '/', 'search in the runbook', { type: 'search' }, { footer: 12, hint: 'search' }),
    b(['n'], 'n/N', 'next / previous match', { type: 'search-next', dir: 1 }, { footer: 13, hint: 'next match' }),
    b(['N'], '', '', { type: 'search-next', dir: -1 }),
    ...BACK,
    ...GLOBAL_BINDINGS,
  ],
  help: [
    ...SCROLL,
    b(['esc', 'q', '?'], 'esc/q/?', 'close help', { type: 'back' }, { footer: 1, hint: 'close' }),
    COMMAND_LINE,
    b(['ctrl-c'], 'ctrl-c', 'quit', { type: 'quit' }),
  ],
  filter: [
    b(['enter'], 'enter', 'keep the filter', { type: 'submit' }, { footer: 1 }),
    b(['esc'], 'esc', 'clear the filter', { type: 'cancel' }, { footer: 2 }),
    b(['down'], '↑/↓', 'move while filtering', { type: 'move', delta: 1 }, { footer: 3 }),
    b(['up'], '', '', { type: 'move', delta: -1 }),
    b(['backspace'], 'backspace', 'delete a character', { type: 'backspace' }),
    b(['ctrl-c'], 'ctrl-c', 'quit', { type: 'quit' }),
  ],
  search: [
    b(['enter'], 'enter', 'find', { type: 'submit' }, { footer: 1 }),
    b(['esc'], 'esc', 'cancel', { type: 'cancel' }, { footer: 2 }),
    b(['backspace'], 'backspace', 'delete a character', { type: 'backspace' }),
    b(['ctrl-c'], 'ctrl-c', 'quit', { type: 'quit' }),
  ],
  prompt: [
    b(['enter'], 'enter', 'confirm', { type: 'submit' }, { footer: 1 }),
    b(
      ['esc'],
      'esc',
      'cancel (after an edit: record the change without a reason; the file is saved already)',
      { type: 'cancel' },
      { footer: 2, hint: 'cancel' },
    ),
    ...EDITING,
    b(['tab'], 'tab', 'review notes: flag / unflag a concern', { type: 'toggle-concern' }, { footer: 3 }),
  ],
  confirm: TEXT_ENTRY,
  command: [
    b(['enter'], 'enter', 'carry out the command', { type: 'submit' }, { footer: 1, hint: 'go' }),
    b(
      ['tab'],
      'tab',
      'complete the command or the agent’s name',
      { type: 'complete' },
      { footer: 2, hint: 'complete' },
    ),
    b(['esc'], 'esc', 'cancel', { type: 'cancel' }, { footer: 3, hint: 'cancel' }),
    ...EDITING,
  ],
};

/** Modes where typed characters are text, not commands. */
export const TEXT_MODES: ReadonlySet<Mode> = new Set<Mode>(['filter', 'search', 'prompt', 'confirm', 'command']);

export function keyToAction(name: string, mode: Mode): Action | null {
  const binding = BINDINGS[mode].find((candidate) => candidate.keys.includes(name));
  if (binding) return binding.action;
  if (TEXT_MODES.has(mode) && Array.from(name).length === 1) return { type: 'insert', text: name };
  return null;
}

/** The bindings that help and the footer list for a mode: labelled ones, without operator actions when read-only. */
export function documented(mode: Mode, readonly: boolean): Binding[] {
  return BINDINGS[mode].filter((binding) => binding.label !== '' && !(readonly && binding.op));
}

export function footerBindings(mode: Mode, readonly: boolean): Binding[] {
  return documented(mode, readonly)
    .filter((binding) => binding.footer !== undefined)
    .sort((a, b2) => (a.footer as number) - (b2.footer as number));
}
