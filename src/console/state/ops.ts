import { own } from '../../shared/index.js';
import type { FleetAgent } from '../../fleet/index.js';
import { elapsed, findAgent, selectedAgent } from '../selectors/fleet.js';
import { flash, withEffects } from './helpers.js';
import { topView } from './mode.js';
import { currentReviewAgent } from './review.js';
import { alertRows } from '../selectors/alerts.js';
import { oneLine } from '../format.js';
import type { ConsoleState, Op, Overlay, PromptPurpose } from './types.js';

/**
 * The operator's levers. A key asks; what it asks for is a prompt (a reason,
 * and for destructive ones a confirmation) whose submit becomes an effect that
 * calls the same kill-switch function as the CLI. Read-only refuses them all.
 * `r` asks why too (an empty answer is allowed: running is not destructive);
 * `e` asks why once $EDITOR returns, if the trigger, limits or budget changed.
 */
export const READ_ONLY_MESSAGE = 'read-only: actions are off (the console was started with --readonly)';

function prompt(
  title: string,
  hint: string,
  purpose: PromptPurpose,
  extra: Partial<Extract<Overlay, { kind: 'prompt' }>> = {},
): Overlay {
  return { kind: 'prompt', title, hint, text: '', danger: false, word: null, concern: null, purpose, ...extra };
}

/** The agent an action is about: the one whose view is open, else the fleet's selected row. */
export function targetAgent(state: ConsoleState): FleetAgent | null {
  const view = topView(state);
  if (view.kind === 'agent') return findAgent(state, view.agent);
  if (view.kind === 'fleet') return selectedAgent(state);
  return null;
}

function open(state: ConsoleState, overlay: Overlay): ConsoleState {
  return { ...state, overlay };
}

export function requestOp(state: ConsoleState, op: Op): ConsoleState {
  if (state.readonly) return flash(state, READ_ONLY_MESSAGE, 'error');
  if (op === 'stop-all') return requestStopAll(state);
  if (op === 'mark' || op === 'concern') return requestMark(state, op === 'concern');
  if (op === 'ack') return requestAck(state);
  const agent = targetAgent(state);
  if (!agent) return flash(state, 'no agent selected');
  return requestAgentOp(state, op, agent);
}

/** The levers on one named agent: the keys (on the selected one) and `:` commands (on any) both come here. */
export function requestAgentOp(
  state: ConsoleState,
  op: Exclude<Op, 'stop-all' | 'mark' | 'concern' | 'ack'>,
  agent: FleetAgent,
): ConsoleState {
  if (state.readonly) return flash(state, READ_ONLY_MESSAGE, 'error');
  const name = agent.name;
  switch (op) {
    case 'run':
      if (!agent.valid) return flash(state, `${name} is invalid and cannot run: e opens its file`, 'error');
      if (agent.running) return flash(state, `${name} is already running (x kills it)`);
      return open(
        state,
        prompt(`Run ${name} now (manual trigger). Why? (optional)`, 'enter starts it · esc cancels', {
          kind: 'run',
          agent: name,
        }),
      );
    case 'pause':
      if (agent.operator.state === 'paused')
        return open(
          state,
          prompt(`Resume ${name}: its runs start again. Why?`, 'enter resumes · esc cancels', {
            kind: 'switch',
            action: 'resume',
            agent: name,
          }),
        );
      if (agent.operator.state === 'disabled') return flash(state, `${name} is disabled: d enables it`);
      return open(
        state,
        prompt(`Pause ${name}: its runs are refused until it is resumed. Why?`, 'enter pauses · esc cancels', {
          kind: 'switch',
          action: 'pause',
          agent: name,
        }),
      );
    case 'disable':
      if (agent.operator.state === 'disabled')
        return open(
          state,
          prompt(`Enable ${name} again. Why?`, 'enter enables · esc cancels', {
            kind: 'switch',
            action: 'enable',
            agent: name,
          }),
        );
      return open(
        state,
        prompt(
          `Disable ${name}? No run of it starts until it is enabled again. Why?`,
          'enter disables · esc cancels',
          { kind: 'switch', action: 'disable', agent: name },
          { danger: true },
        ),
      );
    case 'kill': {
      if (!agent.running) return flash(state, `${name} has no run in flight`);
      return open(
        state,
        prompt(
          `Kill the run of ${name} in flight (running ${elapsed(agent.running.started_at, state.now)})? Why?`,
          'enter kills it · esc cancels',
          { kind: 'kill', agent: name },
          { danger: true },
        ),
      );
    }
    case 'edit':
      return withEffects(state, { kind: 'edit', agent: name });
  }
}

/** a on the alerts view's selected row: ack an open alert (a reason is required), or end its ack. */
function requestAck(state: ConsoleState): ConsoleState {
  const view = topView(state);
  if (view.kind !== 'alerts') return state;
  const row = alertRows(state)[view.cursor];
  if (!row) return flash(state, 'no alert selected');
  if (row.kind !== 'open') return flash(state, 'that alert is resolved: only an open alert can be acknowledged');
  if (row.quiet?.kind === 'ack')
    return open(
      state,
      prompt(
        `End the ack of ${oneLine(row.key)} (${oneLine(row.quiet.text)}): it is re-sent again. Why? (optional)`,
        'enter ends the ack · esc cancels',
        { kind: 'ack', action: 'unack', key: row.key },
      ),
    );
  return open(
    state,
    prompt(
      `Acknowledge ${oneLine(row.key)}: it stays open and visible but is not re-sent until it resolves. Why?`,
      'enter acknowledges · esc cancels',
      { kind: 'ack', action: 'ack', key: row.key },
    ),
  );
}

function requestStopAll(state: ConsoleState): ConsoleState {
  if (state.snapshot?.global.stopped) {
    return open(
      state,
      prompt(
        'End the global stop: agents run again as their own state allows. Why?',
        'enter starts all · esc cancels',
        { kind: 'start-all' },
      ),
    );
  }
  return open(
    state,
    prompt(
      // 79 characters: the whole question, "Type STOP" included, fits an 80-column terminal
      'STOP EVERYTHING (global stop, kills every run in flight)? Type STOP to confirm.',
      'enter confirms · esc cancels',
      { kind: 'stop-all-word' },
      { danger: true, word: 'STOP' },
    ),
  );
}

function requestMark(state: ConsoleState, concern: boolean): ConsoleState {
  const agent = currentReviewAgent(state);
  if (!agent) return state;
  const outputFile = own(state.progress.drawn, agent.name) ?? null;
  const title = concern
    ? `Concern about ${agent.name}: what needs a look?`
    : `Reviewed ${agent.name}. A note (optional):`;
  return open(
    state,
    prompt(
      title,
      'enter marks it and moves on · esc cancels',
      { kind: 'review', agent: agent.name, outputFile },
      { concern },
    ),
  );
}

/** $EDITOR returned with a change to record: ask why (see definitionEdited in overlay.ts for what enter and esc do). */
export function askWhyEdited(
  state: ConsoleState,
  agent: string,
  change: Extract<PromptPurpose, { kind: 'definition' }>['change'],
  fields: string[],
): ConsoleState {
  // another question is open (a key pressed as the console came back): the change is recorded, not lost
  if (state.overlay?.kind === 'prompt') {
    return withEffects(flash(state, `recording the change to agents/${agent}.md without a reason…`), {
      kind: 'record-definition',
      agent,
      change,
      reason: null,
    });
  }
  const shown =
    fields.length > 3 ? `${fields.slice(0, 3).join(', ')} and ${fields.length - 3} more` : fields.join(', ');
  const what =
    change.before === null ? 'is valid again' : `changed: ${shown || Object.keys(change.after ?? {}).join(', ')}`;
  return open(
    state,
    prompt(
      `agents/${agent}.md ${what}. Why? (recorded in logs/changes.jsonl)`,
      'enter records it · esc records it without a reason',
      { kind: 'definition', agent, change },
    ),
  );
}
