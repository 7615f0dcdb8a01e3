/**
 * The body every demo agent's prompt shares: identity, capability, scope lock,
 * output format, stop conditions. One renderer keeps the sections and the
 * closing protocol line identical across the fleet, which is what makes the
 * prompts reviewable side by side; the words inside each section are the
 * agent's own.
 */
export interface PromptSpec {
  identity: string;
  capability: string;
  only: string[];
  never: string[];
  /** the exact shape of the output, trailer included */
  format: string;
  /** notes on the format, kept as prose so they are not mistaken for bullets of the output */
  formatNotes?: string;
  stops: string[];
}

export function renderPrompt(spec: PromptSpec): string {
  const list = (items: string[]) => items.map((item) => `- ${item}`).join('\n');
  const sections = [
    `# Identity\n${spec.identity.trim()}`,
    `# Capability\n${spec.capability.trim()}`,
    `# Scope lock\nYou will only:\n${list(spec.only)}\n\nYou will not:\n${list(spec.never)}`,
    // A fence, because the formats hold markdown headings of their own that must not read as sections of the prompt.
    `# Output format\n\`\`\`\n${spec.format.trim()}\n\`\`\`${spec.formatNotes ? `\n\n${spec.formatNotes.trim()}` : ''}`,
    `# Stop conditions\n${list(spec.stops)}\n\nEvery run ends with one STATUS line and then END_OF_RUN, with nothing after them. No exceptions.`,
  ];
  return `${sections.join('\n\n')}\n`;
}

export function agentFile(frontMatter: string, prompt: PromptSpec): string {
  return `---\n${frontMatter.trim()}\n---\n${renderPrompt(prompt)}`;
}
