/**
 * The sections of an agent's prompt, for the checks that read it. A section
 * starts at a markdown heading (`# Stop conditions`) or, as in the seed's
 * prompts, at a line that is only a label and a colon (`Stop conditions:`).
 * Fenced code blocks are skipped when looking for sections: an output format
 * is often a fenced block with headings of its own (`# Pipeline — {date}`),
 * and those are the agent's output, not the prompt's structure. Pure.
 */
export interface PromptLine {
  text: string;
  /** inside a ``` or ~~~ fence (the fence lines included) */
  fenced: boolean;
}

export interface PromptSection {
  title: string;
  /** 1-6 for markdown headings; 7 for a `Label:` line */
  level: number;
  lines: PromptLine[];
}

const HEADING = /^(#{1,6})[ \t]+(.+?)[ \t#]*$/;
const LABEL = /^([A-Z][A-Za-z][A-Za-z /-]{0,40}):[ \t]*$/;
const FENCE = /^[ \t]{0,3}(`{3,}|~{3,})/;

export function markFences(prompt: string): PromptLine[] {
  const out: PromptLine[] = [];
  let open: string | null = null;
  for (const text of prompt.split(/\r?\n/)) {
    const fence = FENCE.exec(text)?.[1];
    if (open === null && fence) {
      open = fence;
      out.push({ text, fenced: true });
      continue;
    }
    if (open !== null) {
      out.push({ text, fenced: true });
      // a fence closes with the same character, at least as long, and nothing after it
      if (fence && fence[0] === open[0] && fence.length >= open.length && text.trim() === fence) open = null;
      continue;
    }
    out.push({ text, fenced: false });
  }
  return out;
}

function sectionStart(line: PromptLine): { title: string; level: number } | null {
  if (line.fenced) return null;
  const heading = HEADING.exec(line.text);
  if (heading) return { title: (heading[2] as string).trim(), level: (heading[1] as string).length };
  const label = LABEL.exec(line.text.trim());
  if (label && line.text === line.text.trimStart()) return { title: (label[1] as string).trim(), level: 7 };
  return null;
}

/** A section runs to the next heading of its level or above (a label section: to the next heading or label). */
export function promptSections(prompt: string): PromptSection[] {
  const lines = markFences(prompt);
  const starts = lines.map(sectionStart);
  const sections: PromptSection[] = [];
  starts.forEach((start, i) => {
    if (!start) return;
    let end = i + 1;
    while (end < lines.length) {
      const next = starts[end];
      if (next && (next.level <= start.level || start.level === 7)) break;
      end++;
    }
    sections.push({ title: start.title, level: start.level, lines: lines.slice(i + 1, end) });
  });
  return sections;
}

function normalize(title: string): string {
  return title
    .toLowerCase()
    .replace(/[*_`:]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The first section whose title is `title` or starts with it ("Stop conditions (in order)"), case-insensitively. */
export function findSection(prompt: string, title: string): PromptSection | undefined {
  const wanted = normalize(title);
  return promptSections(prompt).find((section) => {
    const name = normalize(section.title);
    return name === wanted || name.startsWith(`${wanted} `);
  });
}

const BULLET = /^[-*+\u2022][ \t]+\S|^\d{1,3}[.)][ \t]+\S/;

/** Top-level bullets (`- `, `* `, `1. `) outside fences: one per stop condition. */
export function topLevelBullets(section: PromptSection): string[] {
  return section.lines.filter((line) => !line.fenced && BULLET.test(line.text)).map((line) => line.text.trim());
}
