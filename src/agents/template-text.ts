import type { AgentDefinition } from './definition.js';
import { markFences, promptSections } from './prompt-sections.js';

/**
 * "Still template text": the one rule `doctor` and `validate` both apply.
 * `nightshift new` marks every answer it cannot give with TODO (the
 * description when none was given, the risk answer worth_it, the prompt's
 * Capability); a TODO still there means a person has not written that part.
 * doctor fails it (the agent is not ready to run unsupervised); validate
 * warns (the file loads and runs) with the same words. Pure.
 */
export interface TemplateText {
  /** `description`, `risk.worth_it`, `prompt` */
  field: string;
  /** for a prompt line: the section it is in, `Capability`; null before any section */
  section: string | null;
  /** the line holding the marker, trimmed and cut to 100 characters */
  text: string;
}

const MARKER = /\bTODO\b/;
const RISK_KEYS = ['worst_hour', 'recovery_cost', 'detection', 'stop', 'worth_it'] as const;

function clip(text: string): string {
  const line = text.trim();
  return line.length > 100 ? `${line.slice(0, 99)}…` : line;
}

export function templateText(agent: Pick<AgentDefinition, 'description' | 'risk' | 'prompt'>): TemplateText[] {
  const found: TemplateText[] = [];
  if (MARKER.test(agent.description))
    found.push({ field: 'description', section: null, text: clip(agent.description) });
  for (const key of RISK_KEYS) {
    const answer = agent.risk[key];
    if (answer !== undefined && MARKER.test(answer))
      found.push({ field: `risk.${key}`, section: null, text: clip(answer) });
  }
  found.push(...promptTemplateText(agent.prompt));
  return found;
}

/** Each prompt line with the marker, fenced ones included (an output format is the agent's text too), named by its section. */
function promptTemplateText(prompt: string): TemplateText[] {
  if (!MARKER.test(prompt)) return [];
  const sectionOf = new Map<string, string>();
  const lines = markFences(prompt);
  // a line's section: the innermost one whose lines hold it (the same text twice keeps its first section: close enough to name)
  for (const section of promptSections(prompt))
    for (const line of section.lines) if (MARKER.test(line.text)) sectionOf.set(line.text, section.title);
  return lines
    .filter((line) => MARKER.test(line.text))
    .map((line) => ({ field: 'prompt', section: sectionOf.get(line.text) ?? null, text: clip(line.text) }));
}

/** `risk.worth_it: "TODO: why …"`, `prompt section "Capability": "TODO: what …"`: one wording for doctor and validate. */
export function describeTemplateText(item: TemplateText): string {
  const where =
    item.field === 'prompt' ? `prompt ${item.section === null ? 'text' : `section "${item.section}"`}` : item.field;
  return `${where}: ${JSON.stringify(item.text)}`;
}
