import { type AgentDefinition, describeTrigger, formatProblem, parseAgentText } from '../agents/index.js';
import { agentDefaultsFrom, parseConfigText } from '../home/index.js';
import { demoAgentTexts, earlierAgentTexts } from './agents/index.js';
import { demoConfigFile } from './config-file.js';

/**
 * The demo fleet as nightshift itself reads it. Every number the simulation
 * uses (limits, budgets, alert thresholds, cron, output stamp) comes from the
 * parsed agent files, never from a second copy, so the history cannot
 * disagree with the definitions it claims to come from.
 */
export interface DemoFleet {
  timezone: string;
  configText: string;
  texts: Array<{ name: string; text: string }>;
  /** the valid agents, in file order */
  agents: AgentDefinition[];
  byName: Map<string, AgentDefinition>;
  invalid: Array<{ name: string; firstError: string }>;
  /** definitions before the changes in changes.jsonl, for the sha of earlier runs */
  earlier: Map<string, AgentDefinition>;
  triggerText(name: string): string;
}

export function loadDemoFleet(timezone: string): DemoFleet {
  const configText = demoConfigFile(timezone);
  const config = parseConfigText(configText);
  if (!config.ok) throw new Error(`demo nightshift.yaml does not validate: ${config.problems.map(formatProblem).join('; ')}`);
  const defaults = agentDefaultsFrom(config.config);
  const parse = (name: string, text: string) => parseAgentText(text, { name, file: `agents/${name}.md`, absolutePath: `agents/${name}.md` }, defaults);

  const texts = demoAgentTexts(timezone);
  const agents: AgentDefinition[] = [];
  const invalid: DemoFleet['invalid'] = [];
  for (const { name, text } of texts) {
    const entry = parse(name, text);
    if (entry.ok) agents.push(entry.agent);
    else invalid.push({ name, firstError: formatProblem(entry.problems[0]!) });
  }
  const earlier = new Map<string, AgentDefinition>();
  for (const [name, text] of Object.entries(earlierAgentTexts(timezone))) {
    const entry = parse(name, text);
    if (!entry.ok) throw new Error(`earlier version of ${name} does not validate: ${entry.problems.map(formatProblem).join('; ')}`);
    earlier.set(name, entry.agent);
  }
  const byName = new Map(agents.map((agent) => [agent.name, agent]));
  return {
    timezone,
    configText,
    texts,
    agents,
    byName,
    invalid,
    earlier,
    triggerText: (name) => describeTrigger(byName.get(name)?.trigger),
  };
}

export function agentOf(fleet: DemoFleet, name: string): AgentDefinition {
  const agent = fleet.byName.get(name);
  if (!agent) throw new Error(`the demo fleet has no valid agent ${name}`);
  return agent;
}
