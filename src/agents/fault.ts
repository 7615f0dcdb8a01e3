import { errorMessage, NightshiftError } from '../shared/index.js';

/**
 * Something about one agent that could not be worked out (its next run, an
 * alert rule, its lock, its runs), as opposed to a problem of its file. It is
 * that agent's problem, never the fleet's: the caller reports it beside the
 * agent, like INVALID, and goes on with every other agent. One bad zone must
 * not make `check` fail for all fifty.
 */
export interface AgentFault {
  agent: string;
  /** what was being worked out: "next run", "alert rule missedRuns", "catch-up" */
  stage: string;
  /** for a person: names the agent, the stage and the cause */
  message: string;
}

/** The typed form of an AgentFault: exit 1 (something needs attention), like an invalid agent. */
export class AgentEvaluationError extends NightshiftError {
  readonly agent: string;
  readonly stage: string;

  constructor(agent: string, stage: string, cause: unknown) {
    super(
      'AGENT_EVALUATION',
      `${agent}: could not work out its ${stage}: ${errorMessage(cause)}`,
      {
        file: `agents/${agent}.md`,
        expected: `the ${stage} of ${agent}`,
        actual: `an error: ${errorMessage(cause)}`,
        fix:
          'the other agents are not affected; if it lasts, change this agent (its trigger.cron or ' +
          'trigger.timezone for a schedule) or report the message as a bug',
        cause,
      },
      1,
    );
    this.agent = agent;
    this.stage = stage;
  }

  toFault(): AgentFault {
    return { agent: this.agent, stage: this.stage, message: this.message };
  }
}

export function agentFault(agent: string, stage: string, cause: unknown): AgentFault {
  return new AgentEvaluationError(agent, stage, cause).toFault();
}

/** The stage of a question about a cron schedule, naming it: `next run ("0 2 * * *" in Australia/Lord_Howe)`. */
export function cronStage(what: string, trigger: { expression: string; timezone: string }): string {
  return `${what} ("${trigger.expression}" in ${trigger.timezone})`;
}

export type Contained<T> = { ok: true; value: T } | { ok: false; fault: AgentFault };

/** One agent's piece of work; whatever it throws becomes that agent's fault, never the caller's. */
export function forAgent<T>(agent: string, stage: string, work: () => T): Contained<T> {
  try {
    return { ok: true, value: work() };
  } catch (error) {
    return { ok: false, fault: agentFault(agent, stage, error) };
  }
}

/** forAgent for work that waits (file reads). */
export async function forAgentAsync<T>(agent: string, stage: string, work: () => Promise<T>): Promise<Contained<T>> {
  try {
    return { ok: true, value: await work() };
  } catch (error) {
    return { ok: false, fault: agentFault(agent, stage, error) };
  }
}
