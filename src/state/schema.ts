import * as z from 'zod';

/**
 * The format of state.json (DESIGN §1, §6). Versioned so a file written by a
 * newer nightshift is refused instead of being misread and rewritten.
 * Objects are strict: a typo such as `paused_untill` in a hand-edited file
 * must not silently drop a pause.
 */
export const STATE_VERSION = 1;

export const AGENT_MODES = ['enabled', 'paused', 'disabled'] as const;
export type AgentMode = (typeof AGENT_MODES)[number];

const isoTime = () => z.string().refine((s) => !Number.isNaN(Date.parse(s)), { message: 'expected an ISO 8601 time' });
const agentNameKey = () =>
  z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]{0,62}$/, { message: 'expected an agent name (lowercase letters, digits, dashes)' });

export const agentEntrySchema = z.strictObject({
  state: z.enum(AGENT_MODES),
  reason: z.string().nullable(),
  since: isoTime().nullable(),
  by: z.string().nullable(),
  /** only meaningful while paused; null means "until resumed" */
  paused_until: isoTime().nullable().default(null),
});
export type AgentEntry = z.output<typeof agentEntrySchema>;

export const globalStopSchema = z.strictObject({
  stopped: z.boolean(),
  since: isoTime().nullable(),
  by: z.string().nullable(),
  reason: z.string().nullable(),
});
export type GlobalStop = z.output<typeof globalStopSchema>;

export const stateFileSchema = z.strictObject({
  v: z.literal(STATE_VERSION),
  global: globalStopSchema,
  agents: z.record(agentNameKey(), agentEntrySchema),
});
export type OperatorState = z.output<typeof stateFileSchema>;

/** What an agent that state.json does not mention is: enabled, by nobody. */
export function defaultAgentEntry(): AgentEntry {
  return { state: 'enabled', reason: null, since: null, by: null, paused_until: null };
}

/** The state of a home that has no state.json yet. */
export function defaultState(): OperatorState {
  return { v: STATE_VERSION, global: { stopped: false, since: null, by: null, reason: null }, agents: {} };
}

/** The stored entry, or the default one; never undefined, so callers need no special case. */
export function entryOf(state: OperatorState, agent: string): AgentEntry {
  return state.agents[agent] ?? defaultAgentEntry();
}
