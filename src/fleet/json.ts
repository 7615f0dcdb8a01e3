import type { FleetAgent, FleetSnapshot } from './types.js';

/**
 * The fleet as `--json` prints it: everything a script needs, without the
 * prompt bodies and parsed front-matter (read the agent file for those).
 */
export function fleetToJson(snapshot: FleetSnapshot): Record<string, unknown> {
  return { ...snapshot, agents: snapshot.agents.map(agentToJson) };
}

export function agentToJson(agent: FleetAgent): Record<string, unknown> {
  const { definition, ...rest } = agent;
  return {
    ...rest,
    runner: definition?.runner.kind ?? null,
    model: definition?.model ?? null,
    limits: definition?.limits ?? null,
    timezone: definition?.timezone ?? null,
  };
}
