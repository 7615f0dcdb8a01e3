import { parseDuration } from '../../agents/index.js';
import { parseZonedDateTime } from '../../shared/index.js';
import { READ_ONLY_MESSAGE } from './ops.js';

/**
 * The `:` command line, as pure text → meaning: what k9s users type
 * (`:alerts`, `:pause nightly-summarizer`). No state here but what the caller
 * passes in, so parsing and completion are tested without a console. What a
 * parsed command does is ../state/command-mode.ts's job: the same functions
 * the keys call.
 */

export type ViewName = 'fleet' | 'alerts' | 'costs' | 'review' | 'runbooks' | 'help';
export type AgentCommand = 'run' | 'pause' | 'resume' | 'disable' | 'enable' | 'kill' | 'edit';

export type Command =
  | { kind: 'view'; view: ViewName }
  | { kind: 'agent'; agent: string }
  | { kind: 'runbook'; name: string }
  /** until: epoch ms, pause only */
  | { kind: 'op'; op: AgentCommand; agent: string; until: number | null }
  | { kind: 'stop-all' }
  | { kind: 'start-all' }
  | { kind: 'quit' };

export type Parsed = { ok: true; command: Command } | { ok: false; message: string };

export interface CommandSpec {
  name: string;
  aliases: string[];
  /** none; an agent; an agent then an optional time (pause); a runbook name */
  arg: 'none' | 'agent' | 'agent-until' | 'runbook';
  /** what help says it does */
  does: string;
  /** an operator action: refused, and never offered or listed, with --readonly */
  op: boolean;
}

const c = (name: string, arg: CommandSpec['arg'], does: string, op = false, aliases: string[] = []): CommandSpec => ({
  name,
  aliases,
  arg,
  does,
  op,
});

/** Every command, in the order help lists them. */
export const COMMANDS: readonly CommandSpec[] = [
  c('fleet', 'none', 'the fleet (the home screen)'),
  c('alerts', 'none', 'the Alerts view (A)'),
  c('costs', 'none', 'the Costs view (C)'),
  c('review', 'none', 'the weekly review (R)'),
  c('runbooks', 'none', 'the list of runbooks (B)'),
  c('runbook', 'runbook', 'read one runbook: :runbook <name>'),
  c('agent', 'agent', 'an agent’s view: :agent <name>, or just :<name>'),
  c('help', 'none', 'this help (?)'),
  c('run', 'agent', 'run an agent now (r): asks why', true),
  c('pause', 'agent-until', 'pause (p): :pause <agent> [2h | 2026-12-01T09:00]; asks why', true),
  c('resume', 'agent', 'resume a paused agent (p): asks why', true),
  c('disable', 'agent', 'disable (d): asks to confirm, with a reason', true),
  c('enable', 'agent', 'enable a disabled agent (d): asks why', true),
  c('kill', 'agent', 'kill the agent’s run in flight (x): asks to confirm, with a reason', true),
  c('edit', 'agent', 'edit the agent file in $EDITOR (e)', true),
  c('stop-all', 'none', 'stop everything (S): type STOP to confirm', true),
  c('start-all', 'none', 'end the global stop (S again): asks why', true),
  c('quit', 'none', 'quit the console (also :q)', false, ['q']),
];

export interface CommandContext {
  /** the fleet's agents */
  agents: readonly string[];
  /** runbooks known so far (may be empty before B was opened) */
  runbooks: readonly string[];
  readonly: boolean;
  /** the agent a command without one is about: the open agent, else the fleet's selected row */
  current: string | null;
  now: number;
  /** the home's zone: a wall time in `:pause A 2026-12-01T09:00` is read in it */
  timezone: string;
}

/** The commands this console offers: without the actions when read-only. */
export function availableCommands(readonly: boolean): CommandSpec[] {
  return COMMANDS.filter((spec) => !(readonly && spec.op));
}

function findSpec(word: string): CommandSpec | undefined {
  return COMMANDS.find((spec) => spec.name === word || spec.aliases.includes(word));
}

function words(text: string): string[] {
  return text.trim().split(/\s+/).filter(Boolean);
}

/** "a, b, c and 4 more": names in a one-line message, never wider than a status line can show. */
export function someNames(names: readonly string[], max = 8): string {
  if (names.length === 0) return '(none)';
  const shown = names.slice(0, max).join(', ');
  return names.length > max ? `${shown} and ${names.length - max} more` : shown;
}

function argNames(spec: CommandSpec, context: CommandContext): string[] {
  if (spec.arg === 'runbook') return [...new Set([...context.runbooks, ...context.agents])].sort();
  return [...context.agents];
}

/** The names to offer when one is wrong: those holding what was typed, else all. */
function closeNames(typed: string, names: readonly string[]): string[] {
  const near = names.filter((name) => name.includes(typed.toLowerCase()));
  return near.length > 0 ? near : [...names];
}

/** A status line is one line: the near names first, then the agents (they differ per home), then the commands (help lists those too). */
function unknownCommand(word: string, context: CommandContext): string {
  const names = availableCommands(context.readonly).map((spec) => spec.name);
  const near = [
    ...names.filter((name) => name.startsWith(word)),
    ...context.agents.filter((name) => name.includes(word.toLowerCase())),
  ];
  if (near.length > 0)
    return `no command or agent “${word}” — did you mean ${someNames(
      near.map((n) => `:${n}`),
      4,
    )}?`;
  return `no command or agent “${word}”. Agents: ${someNames(context.agents, 6)}; commands: ${names.join(' ')}`;
}

function parseUntil(text: string, context: CommandContext): { ok: true; at: number } | { ok: false; message: string } {
  const ms = parseDuration(text);
  const at = ms === null ? (parseZonedDateTime(text, context.timezone)?.getTime() ?? null) : context.now + ms;
  if (at === null)
    return {
      ok: false,
      message: `“${text}” is not a time: expected a duration like 2h or 3d, 2026-12-01T09:00 (in ${context.timezone}), or an ISO time with an offset`,
    };
  if (at <= context.now) return { ok: false, message: `“${text}” is not in the future: a pause ends after now` };
  return { ok: true, at };
}

/** `:text` (without the colon) → a command, or a message that names what exists. */
export function parseCommand(text: string, context: CommandContext): Parsed {
  const [first, ...rest] = words(text.replace(/^:/, ''));
  if (first === undefined) return { ok: false, message: 'an empty command: tab lists them, esc leaves' };
  const spec = findSpec(first);
  if (!spec) {
    // `:nightly-summarizer` opens the agent, as `:agent nightly-summarizer` does
    if (context.agents.includes(first)) {
      if (rest.length === 0) return { ok: true, command: { kind: 'agent', agent: first } };
      // `:nightly-summarizer pause`: the agent comes after the command
      return {
        ok: false,
        message: `:${first} opens the agent and takes nothing after it; an action goes first: :${rest[0]} ${first}`,
      };
    }
    return { ok: false, message: unknownCommand(first, context) };
  }
  if (spec.op && context.readonly) return { ok: false, message: READ_ONLY_MESSAGE };
  if (spec.arg === 'none') {
    if (rest.length > 0) return { ok: false, message: `:${spec.name} takes no argument (got “${rest.join(' ')}”)` };
    return { ok: true, command: noArgCommand(spec.name) };
  }
  const given = rest[0] ?? context.current;
  if (given === null || given === undefined)
    return {
      ok: false,
      message: `:${spec.name} needs a name: :${spec.name} <${spec.arg === 'runbook' ? 'runbook' : 'agent'}>`,
    };
  const names = argNames(spec, context);
  if (!names.includes(given)) {
    const kind = spec.arg === 'runbook' ? 'runbook or agent' : 'agent';
    return {
      ok: false,
      message: `no ${kind} “${given}”. ${kind === 'agent' ? 'Agents' : 'Known'}: ${someNames(closeNames(given, names))}`,
    };
  }
  const extra = rest.slice(1);
  if (spec.arg === 'runbook' || spec.name === 'agent') {
    if (extra.length > 0) return { ok: false, message: `:${spec.name} takes one name (got also “${extra.join(' ')}”)` };
    return {
      ok: true,
      command: spec.arg === 'runbook' ? { kind: 'runbook', name: given } : { kind: 'agent', agent: given },
    };
  }
  const op = spec.name as AgentCommand;
  if (spec.arg === 'agent-until') {
    // `:pause A 2h` and `:pause A until 2h` both read as the CLI's --until
    const when = (extra[0] === 'until' ? extra.slice(1) : extra).join(' ');
    if (when === '') return { ok: true, command: { kind: 'op', op, agent: given, until: null } };
    const until = parseUntil(when, context);
    if (!until.ok) return until;
    return { ok: true, command: { kind: 'op', op, agent: given, until: until.at } };
  }
  if (extra.length > 0) return { ok: false, message: `:${spec.name} takes one agent (got also “${extra.join(' ')}”)` };
  return { ok: true, command: { kind: 'op', op, agent: given, until: null } };
}

function noArgCommand(name: string): Command {
  switch (name) {
    case 'stop-all':
      return { kind: 'stop-all' };
    case 'start-all':
      return { kind: 'start-all' };
    case 'quit':
      return { kind: 'quit' };
    default:
      return { kind: 'view', view: name as ViewName };
  }
}

export interface Completion {
  /** the command line after tab */
  text: string;
  /** what it could go on to be, when more than one */
  candidates: string[];
}

function commonPrefix(names: readonly string[]): string {
  if (names.length === 0) return '';
  let prefix = names[0] as string;
  for (const name of names) while (!name.startsWith(prefix)) prefix = prefix.slice(0, -1);
  return prefix;
}

function completeWord(
  head: string,
  word: string,
  names: readonly string[],
  takesMore: (name: string) => boolean,
): Completion {
  const found = [...new Set(names.filter((name) => name.startsWith(word)))];
  if (found.length === 0) return { text: `${head}${word}`, candidates: [] };
  if (found.length === 1) {
    const only = found[0] as string;
    return { text: `${head}${only}${takesMore(only) ? ' ' : ''}`, candidates: [] };
  }
  return { text: `${head}${commonPrefix(found)}`, candidates: found };
}

/** Tab: the command's name, then its agent (or runbook); read-only offers no action. */
export function completeCommand(typed: string, context: CommandContext): Completion {
  const text = typed.trimStart();
  const parts = text.split(/\s+/);
  const commands = availableCommands(context.readonly);
  if (parts.length <= 1) {
    const names = [...commands.map((spec) => spec.name), ...context.agents];
    return completeWord('', text, names, (name) => {
      const spec = findSpec(name);
      return spec !== undefined && spec.arg !== 'none';
    });
  }
  const spec = commands.find(
    (candidate) => candidate.name === parts[0] || candidate.aliases.includes(parts[0] as string),
  );
  if (!spec || spec.arg === 'none' || parts.length > 2) return { text, candidates: [] };
  return completeWord(`${parts[0]} `, parts[1] ?? '', argNames(spec, context), () => spec.arg === 'agent-until');
}
