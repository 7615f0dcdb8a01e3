import type { AgentDefinition } from '../../agents/index.js';
import { findSection, topLevelBullets } from '../../agents/index.js';
import type { CheckResult } from './types.js';

/** The checks that read the prompt body. Pure. */
export const MIN_STOP_CONDITIONS = 3;

const EXAMPLE_STOPS = [
  '- The input is missing or empty: write STATUS: EMPTY, then END_OF_RUN. Do not invent anything.',
  '- The input is not what you expect (another format, binary, far too long): describe it in one line, then STATUS: UNEXPECTED_INPUT and END_OF_RUN.',
  '- You cannot finish within your limits, or a tool fails twice: say what is missing, then STATUS: INCOMPLETE (or TOOL_FAILED) and END_OF_RUN.',
];

export function checkStopConditions(agent: AgentDefinition): CheckResult {
  const title = `at least ${MIN_STOP_CONDITIONS} stop conditions in the prompt`;
  const section = findSection(agent.prompt, 'Stop conditions');
  if (!section) {
    return {
      id: 'stop_conditions',
      ok: false,
      title,
      detail: 'no "Stop conditions" section in the prompt',
      fix: `add to the prompt of ${agent.file}:\n# Stop conditions\n${EXAMPLE_STOPS.join('\n')}`,
    };
  }
  const bullets = topLevelBullets(section);
  if (bullets.length >= MIN_STOP_CONDITIONS)
    return { id: 'stop_conditions', ok: true, title, detail: `${bullets.length} under "${section.title}"` };
  const missing = MIN_STOP_CONDITIONS - bullets.length;
  return {
    id: 'stop_conditions',
    ok: false,
    title,
    detail: `${bullets.length} under "${section.title}": expected ${MIN_STOP_CONDITIONS} or more "- " lines outside code fences`,
    fix: `add ${missing} more under "${section.title}" in ${agent.file}, for example:\n${EXAMPLE_STOPS.slice(0, Math.max(missing, 1)).join('\n')}`,
  };
}

export function checkProtocol(agent: AgentDefinition): CheckResult {
  const title = 'STATUS and END_OF_RUN in the output format';
  const section = findSection(agent.prompt, 'Output format');
  if (!section) {
    return {
      id: 'protocol',
      ok: false,
      title,
      detail: 'no "Output format" section in the prompt',
      fix: `add to the prompt of ${agent.file}:\n# Output format\n\`\`\`\n[the output]\nSTATUS: OK\nEND_OF_RUN\n\`\`\``,
    };
  }
  const text = section.lines.map((line) => line.text).join('\n');
  const missing = [
    /STATUS:/.test(text) ? null : 'STATUS: OK',
    /\bEND_OF_RUN\b/.test(text) ? null : 'END_OF_RUN',
  ].filter((m): m is string => m !== null);
  if (missing.length === 0)
    return { id: 'protocol', ok: true, title, detail: `"${section.title}" ends with STATUS: and END_OF_RUN` };
  return {
    id: 'protocol',
    ok: false,
    title,
    detail: `"${section.title}" has no ${missing.join(' and no ')} line`,
    fix: `end the output format in ${agent.file} with these lines:\nSTATUS: OK\nEND_OF_RUN`,
  };
}
