import type { OutputExpect } from '../agents/index.js';
import { formatDuration, formatSize } from '../agents/index.js';
import { AGENT_STATUSES, type RunStatus } from '../journal/index.js';
import { checkExpect } from './expect.js';
import type { LimitHit } from './limits.js';
import { readProtocol } from './protocol.js';

/**
 * The one place a run's status is chosen (DESIGN §3). Pure. Precedence: a
 * limit that ended the run, then an operator's kill or an abort from outside
 * (a signal), then a runner that did not finish, then what the output itself
 * says.
 */
export type RunEnd =
  /** `output` is set when the limit was crossed only by the runner's final figures: the run finished and its output is whole */
  | { kind: 'limit'; hit: LimitHit; note?: string; output?: string }
  /** ended from outside the agent: the harness got a signal, the caller's AbortSignal */
  | { kind: 'aborted'; reason: string }
  /** ended by an operator (`nightshift kill`, the console's `x`, stop-all): KILLED, not a failure; the reason names who */
  | { kind: 'killed'; reason: string }
  | { kind: 'failed'; reason: string }
  | { kind: 'completed'; output: string };

export interface StatusDecision {
  status: RunStatus;
  reason: string | null;
  limitHit: LimitHit | null;
  /** only a run that finished by itself leaves an output file; an ended one leaves none, never half of one */
  publish: boolean;
}

const LIMIT_STATUS = {
  time: 'TIMEOUT',
  calls: 'CALL_LIMIT',
  tool_calls: 'CALL_LIMIT',
  cost_usd: 'COST_LIMIT',
  output_bytes: 'OUTPUT_LIMIT',
} as const satisfies Record<LimitHit['limit'], RunStatus>;

export function decideStatus(end: RunEnd, expect: OutputExpect | undefined): StatusDecision {
  switch (end.kind) {
    case 'limit':
      return {
        status: LIMIT_STATUS[end.hit.limit],
        reason: limitReason(end.hit, end.note),
        limitHit: end.hit,
        publish: end.output !== undefined,
      };
    case 'killed':
      return { status: 'KILLED', reason: end.reason, limitHit: null, publish: false };
    case 'aborted':
    case 'failed':
      return { status: 'RUNNER_FAILED', reason: end.reason, limitHit: null, publish: false };
    case 'completed':
      return { ...statusFromOutput(end.output, expect), limitHit: null, publish: true };
  }
}

export function statusFromOutput(
  output: string,
  expect: OutputExpect | undefined,
): { status: RunStatus; reason: string | null } {
  const reading = readProtocol(output);
  if (reading.kind === 'no-end') return { status: 'NO_END', reason: reading.detail };
  if (reading.kind === 'no-status') return { status: 'BAD_FORMAT', reason: reading.detail };
  if (!isAgentStatus(reading.word)) {
    return {
      status: 'ERROR',
      reason: `declared STATUS: ${reading.word || '(nothing)'}, which is not one of ${AGENT_STATUSES.join(', ')}`,
    };
  }
  if (reading.word !== 'OK') return { status: reading.word, reason: null };
  const problems = checkExpect(reading.body, expect);
  if (problems.length > 0) return { status: 'BAD_FORMAT', reason: `STATUS: OK but ${problems.join('; ')}` };
  return { status: 'OK', reason: null };
}

function isAgentStatus(word: string): word is (typeof AGENT_STATUSES)[number] {
  return (AGENT_STATUSES as readonly string[]).includes(word);
}

export function limitReason(hit: LimitHit, note?: string): string {
  const suffix = note ? ` (${note})` : '';
  switch (hit.limit) {
    case 'time':
      return `ran ${formatDuration(hit.observed)}, reaching the time limit of ${formatDuration(hit.max)}${suffix}`;
    case 'calls':
      return `${hit.observed} model calls, over the limit of ${hit.max}${suffix}`;
    case 'tool_calls':
      return `${hit.observed} tool calls, over the limit of ${hit.max}${suffix}`;
    case 'cost_usd':
      return `cost $${hit.observed}, over the limit of $${hit.max}${suffix}`;
    case 'output_bytes':
      return `${formatSize(hit.observed)} of output, over the limit of ${formatSize(hit.max)}${suffix}`;
  }
}
