import { accessProblems, type AgentDefinition, describeTrigger, formatProblem, parseAgentText } from '../agents/index.js';
import { agentDefaultsFrom, parseConfigText } from '../home/index.js';
import { demoAgentTexts, earlierAgentTexts, refusedAgentTexts } from './agents/index.js';
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
  /** a file as once saved and refused by the harness (read-only first): its sha and the reason of the refused run */
  refused: Map<string, { definition: AgentDefinition; reason: string }>;
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
  const refused = new Map<string, { definition: AgentDefinition; reason: string }>();
  for (const [name, text] of Object.entries(refusedAgentTexts(timezone))) {
    const entry = parseAgentText(text, { name, file: `agents/${name}.md`, absolutePath: `agents/${name}.md` }, defaults, { accessRule: false });
    const problems = entry.ok ? accessProblems(entry.agent) : [];
    if (!entry.ok || problems.length === 0) throw new Error(`the refused version of ${name} should be whole and ask for more than it declares`);
    // the words the harness records (run-agent.ts): the skip reason, then every problem
    refused.set(name, { definition: entry.agent, reason: `invalid: ${problems.map(formatProblem).join('; ')}` });
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
    refused,
    triggerText: (name) => describeTrigger(byName.get(name)?.trigger),
  };
}

export function agentOf(fleet: DemoFleet, name: string): AgentDefinition {
  const agent = fleet.byName.get(name);
  if (!agent) throw new Error(`the demo fleet has no valid agent ${name}`);
  return agent;
}
