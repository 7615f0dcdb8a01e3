import { own } from '../shared/index.js';
import {
  array,
  boolean,
  dictionary,
  literal,
  nullable,
  oneOf,
  optional,
  strictObject,
  string,
  time,
  withDefault,
} from '../shared/index.js';
import type { Infer } from '../shared/index.js';

/**
 * The format of state.json (DESIGN §1, §6), declared with the builders of
 * src/shared/format.ts like every file nightshift writes. Versioned so a file
 * written by a newer nightshift is refused instead of being misread and
 * rewritten. Objects are strict: state.json is also edited by hand, and a typo
 * such as `paused_untill` must be an error naming the key, not silently drop a
 * pause. Times are any time Date.parse reads: a hand-edited
 * "2026-12-01T08:00:00+01:00" is as good as the harness's own.
 */
export const STATE_VERSION = 1;

/** retired: `nightshift retire`, stopped for good, its files under retired/ (src/governance/retire) */
export const AGENT_MODES = ['enabled', 'paused', 'disabled', 'retired'] as const;
export type AgentMode = (typeof AGENT_MODES)[number];

const agentName = string({
  regex: /^[a-z0-9][a-z0-9-]{0,62}$/,
  expected: 'an agent name (lowercase letters, digits, dashes)',
});

export const agentEntrySchema = strictObject(
  {
    state: oneOf(AGENT_MODES),
    reason: nullable(string()),
    since: nullable(time()),
    by: nullable(string()),
    /** only meaningful while paused; null means "until resumed" */
    paused_until: withDefault(nullable(time()), null),
  },
  'an agent entry (state, reason, since, by, paused_until)',
);
export type AgentEntry = Infer<typeof agentEntrySchema>;

export const globalStopSchema = strictObject(
  {
    stopped: boolean(),
    since: nullable(time()),
    by: nullable(string()),
    reason: nullable(string()),
  },
  'the global stop (stopped, since, by, reason)',
);
export type GlobalStop = Infer<typeof globalStopSchema>;

/**
 * An open alert someone acknowledged (`nightshift ack`, `a` in the console):
 * it stays open and visible but is not re-sent until `until` (null: until it
 * resolves). `opened_at` names the alert itself: the same key opened again
 * later is a new alert, not acknowledged.
 */
export const alertAckSchema = strictObject(
  {
    opened_at: time(),
    agent: nullable(string()),
    by: string(),
    reason: string(),
    since: time(),
    until: nullable(time()),
  },
  'an alert acknowledgement (opened_at, agent, by, reason, since, until)',
);
export type AlertAck = Infer<typeof alertAckSchema>;

/** A maintenance window (`nightshift silence`): alerts of the agent (null: the whole fleet) are recorded but sent nowhere until `until`. */
export const silenceSchema = strictObject(
  {
    agent: nullable(agentName),
    by: string(),
    reason: string(),
    since: time(),
    until: time(),
  },
  'a silence (agent, by, reason, since, until)',
);
export type Silence = Infer<typeof silenceSchema>;

export const stateFileSchema = strictObject(
  {
    v: literal(STATE_VERSION),
    global: globalStopSchema,
    agents: dictionary(agentName, agentEntrySchema, 'an object of agent entries by agent name'),
    /** absent until the first ack: a home that never acknowledged an alert keeps the state.json it had */
    acks: optional(dictionary(string({ min: 1 }), alertAckSchema, 'an object of alert acknowledgements by alert key')),
    silences: optional(array(silenceSchema)),
  },
  'a state file (v, global, agents, acks, silences)',
);
export type OperatorState = Infer<typeof stateFileSchema>;

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
  return own(state.agents, agent) ?? defaultAgentEntry();
}
