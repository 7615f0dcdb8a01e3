import { own } from '../../shared/index.js';
import { clamp } from './list.js';
import { flash, replaceTop, withEffects } from './helpers.js';
import { topView } from './mode.js';
import { mulberry32Step } from '../../shared/index.js';
import type { ConsoleState, ReviewAgentData } from './types.js';

/**
 * The review walk: one agent at a time, a random output of its week for each
 * (drawn with the state's own PRNG, never the same one twice in a row), marks
 * kept as they are made, and a summary once past the last agent.
 */
export function reviewAgentAt(state: ConsoleState, index: number): ReviewAgentData | null {
  return state.review?.agents[index] ?? null;
}

export function currentReviewAgent(state: ConsoleState): ReviewAgentData | null {
  const view = topView(state);
  return view.kind === 'review' ? reviewAgentAt(state, view.index) : null;
}

/** Where to resume a walk: the first agent not marked yet (the summary when all are). */
export function firstUnreviewed(state: ConsoleState): number {
  const agents = state.review?.agents ?? [];
  const index = agents.findIndex((agent) => !own(state.progress.marks, agent.name));
  return index === -1 ? agents.length : index;
}

/** Picks one of the agent's outputs of the week, other than the one shown now when there is a choice. */
export function pickOutput(
  outputs: readonly string[],
  current: string | null | undefined,
  rng: number,
): { file: string | null; rng: number } {
  if (outputs.length === 0) return { file: null, rng };
  const choices = outputs.length > 1 && current ? outputs.filter((file) => file !== current) : [...outputs];
  const [value, next] = mulberry32Step(rng);
  return { file: choices[Math.min(choices.length - 1, Math.floor(value * choices.length))] ?? null, rng: next };
}

function drawFor(state: ConsoleState, agent: ReviewAgentData): ConsoleState {
  const current = own(state.progress.drawn, agent.name);
  const { file, rng } = pickOutput(agent.outputs, current, state.progress.rng);
  const next: ConsoleState = {
    ...state,
    progress: { ...state.progress, rng, drawn: { ...state.progress.drawn, [agent.name]: file } },
  };
  return file && !own(state.texts, file) ? withEffects(next, { kind: 'load-text', file }) : next;
}

/** The current agent gets its first draw when the walk reaches it. */
export function ensureDrawn(state: ConsoleState): ConsoleState {
  const agent = currentReviewAgent(state);
  if (!agent || own(state.progress.drawn, agent.name) !== undefined) return state;
  return drawFor(state, agent);
}

/** `n`: another output of the week. */
export function drawAgain(state: ConsoleState): ConsoleState {
  const agent = currentReviewAgent(state);
  if (!agent) return state;
  if (agent.outputs.length === 0) return flash(state, `${agent.name} left no output this week`);
  if (agent.outputs.length === 1) return flash(state, `${agent.name} left only one output this week`);
  const view = topView(state);
  const next = drawFor(state, agent);
  return view.kind === 'review' ? replaceTop(next, { ...view, offset: 0 }) : next;
}

export function step(state: ConsoleState, delta: number): ConsoleState {
  const view = topView(state);
  if (view.kind !== 'review') return state;
  const total = state.review?.agents.length ?? 0;
  return ensureDrawn(replaceTop(state, { ...view, index: clamp(view.index + delta, 0, total), offset: 0 }));
}

/** A mark is kept at once (the write is an effect) and the walk moves on. */
export function markReviewed(
  state: ConsoleState,
  agent: string,
  note: string | null,
  concern: boolean,
  outputFile: string | null,
): ConsoleState {
  const marked: ConsoleState = {
    ...state,
    overlay: null,
    progress: { ...state.progress, marks: { ...state.progress.marks, [agent]: { note, concern } } },
  };
  const withWrite = withEffects(marked, { kind: 'review', agent, note, concern, outputFile });
  const view = topView(withWrite);
  if (view.kind !== 'review' || reviewAgentAt(withWrite, view.index)?.name !== agent) return withWrite;
  return step(withWrite, 1);
}
