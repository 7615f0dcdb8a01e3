import { formatWall } from '../../alerts/index.js';
import { findAgent } from '../selectors/fleet.js';
import { runbookFile } from '../selectors/runbook.js';
import { type Command, type CommandContext, completeCommand, parseCommand } from './command-line.js';
import { flash, push, withEffects } from './helpers.js';
import { topView } from './mode.js';
import { requestAgentOp, requestOp, targetAgent } from './ops.js';
import type { Action, ConsoleState } from './types.js';
import { openAgent, show } from './views.js';

/**
 * The `:` line in the console: typing, tab, and what enter does. Parsing is
 * command-line.ts's; each command ends in the function its key calls (show,
 * openAgent, requestOp / requestAgentOp), so a dangerous command asks to
 * confirm exactly as its key does, and --readonly refuses it the same way.
 */
const MAX_COMMAND = 200;

export function startCommand(state: ConsoleState): ConsoleState {
  return { ...state, overlay: { kind: 'command', text: '', candidates: [] } };
}

export function commandContext(state: ConsoleState): CommandContext {
  const view = topView(state);
  // a command without a name is about the agent on screen, as its key would be
  const current = view.kind === 'output' ? view.agent : (targetAgent(state)?.name ?? null);
  return {
    agents: (state.snapshot?.agents ?? []).map((agent) => agent.name),
    runbooks: state.runbooks ?? [],
    readonly: state.readonly,
    current,
    now: state.now,
    timezone: state.snapshot?.timezone ?? 'UTC',
  };
}

export function commandInsert(state: ConsoleState, typed: string): ConsoleState {
  const overlay = state.overlay;
  if (overlay?.kind !== 'command') return state;
  return { ...state, overlay: { ...overlay, text: (overlay.text + typed).slice(0, MAX_COMMAND), candidates: [] } };
}

export function commandBackspace(state: ConsoleState): ConsoleState {
  const overlay = state.overlay;
  if (overlay?.kind !== 'command') return state;
  // backspace on an empty line leaves it, as in vim and k9s
  if (overlay.text === '') return { ...state, overlay: null };
  return { ...state, overlay: { ...overlay, text: Array.from(overlay.text).slice(0, -1).join(''), candidates: [] } };
}

export function completeLine(state: ConsoleState): ConsoleState {
  const overlay = state.overlay;
  if (overlay?.kind !== 'command') return state;
  const done = completeCommand(overlay.text, commandContext(state));
  if (done.text === overlay.text && done.candidates.length === 0)
    return flash(state, `nothing to complete after “${overlay.text}”`);
  return { ...state, overlay: { ...overlay, text: done.text, candidates: done.candidates } };
}

/**
 * Enter on the `:` line: the state with the line closed, and the actions
 * the reducer then applies (a view, quit) — the same ones the keys send.
 */
export function submitCommand(state: ConsoleState): { state: ConsoleState; then: Action[] } {
  const overlay = state.overlay;
  const closed: ConsoleState = { ...state, overlay: null };
  if (overlay?.kind !== 'command') return { state, then: [] };
  const parsed = parseCommand(overlay.text, commandContext(state));
  if (!parsed.ok) return { state: flash(closed, parsed.message, 'error'), then: [] };
  return runCommand(closed, parsed.command);
}

function runCommand(state: ConsoleState, command: Command): { state: ConsoleState; then: Action[] } {
  const only = (next: ConsoleState): { state: ConsoleState; then: Action[] } => ({ state: next, then: [] });
  switch (command.kind) {
    case 'view':
      if (command.view === 'fleet') return only({ ...state, stack: state.stack.slice(0, 1) });
      return { state, then: [{ type: 'show', view: command.view }] };
    case 'agent':
      return only(openAgent(state, command.agent));
    case 'runbook':
      return only(openRunbook(state, command.name));
    case 'quit':
      return { state, then: [{ type: 'quit' }] };
    case 'stop-all':
      if (state.snapshot?.global.stopped)
        return only(flash(state, 'the global stop is on already: :start-all ends it'));
      return only(requestOp(state, 'stop-all'));
    case 'start-all':
      if (!state.snapshot?.global.stopped) return only(flash(state, 'there is no global stop to end'));
      return only(requestOp(state, 'stop-all'));
    case 'op':
      return only(agentCommand(state, command));
  }
}

/** The runbook over the runbooks list, as B then enter leaves it: esc goes back to the list. */
function openRunbook(state: ConsoleState, name: string): ConsoleState {
  const listed = show(state, 'runbooks');
  return withEffects(push(listed, { kind: 'runbook', name, offset: 0, search: '', match: -1 }), {
    kind: 'load-text',
    file: runbookFile(name),
  });
}

/**
 * A named lever. The keys toggle (p pauses or resumes); a command says which
 * way, so the one that does not apply says so instead of doing the other.
 */
function agentCommand(state: ConsoleState, command: Extract<Command, { kind: 'op' }>): ConsoleState {
  const agent = findAgent(state, command.agent);
  if (!agent) return flash(state, `no agent “${command.agent}” in the fleet`, 'error');
  const name = agent.name;
  const operator = agent.operator.state;
  switch (command.op) {
    case 'pause': {
      if (operator === 'paused') return flash(state, `${name} is paused already: :resume ${name} resumes it`);
      const asked = requestAgentOp(state, 'pause', agent);
      return command.until === null ? asked : pauseUntil(asked, name, command.until);
    }
    case 'resume':
      if (operator !== 'paused') return flash(state, `${name} is not paused (it is ${operator})`);
      return requestAgentOp(state, 'pause', agent);
    case 'disable':
      if (operator === 'disabled') return flash(state, `${name} is disabled already: :enable ${name} enables it`);
      return requestAgentOp(state, 'disable', agent);
    case 'enable':
      if (operator !== 'disabled') return flash(state, `${name} is not disabled (it is ${operator})`);
      return requestAgentOp(state, 'disable', agent);
    case 'run':
    case 'kill':
    case 'edit':
      return requestAgentOp(state, command.op, agent);
  }
}

/** The pause prompt that requestAgentOp opened, told when the pause ends by itself. */
function pauseUntil(state: ConsoleState, name: string, until: number): ConsoleState {
  const overlay = state.overlay;
  if (overlay?.kind !== 'prompt' || overlay.purpose.kind !== 'switch' || overlay.purpose.action !== 'pause')
    return state;
  const when = formatWall(until, state.snapshot?.timezone ?? 'UTC');
  return {
    ...state,
    overlay: {
      ...overlay,
      title: `Pause ${name} until ${when}: its runs are refused until then. Why?`,
      purpose: { ...overlay.purpose, until: new Date(until).toISOString() },
    },
  };
}
