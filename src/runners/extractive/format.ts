/**
 * Writes the summary in the format the agent's prompt asks for. A prompt
 * with an output-format block such as
 *
 *   Day summary ({date}):
 *   - [first bullet]
 *
 * gets its header line back (date filled in) and bullets with the same
 * marker; any other prompt gets `Summary (<date>):`. The protocol's last two
 * lines are always `STATUS: <WORD>` and `END_OF_RUN`.
 */
export interface OutputTemplate {
  /** the header line; {date} is replaced by the run's date */
  header: string;
  /** "- " or "* " */
  marker: string;
}

export const GENERIC_TEMPLATE: OutputTemplate = { header: 'Summary ({date}):', marker: '- ' };

const PLACEHOLDER_BULLET = /^\s*([-*\u2022])\s*\[[^\]]*\]\s*$/;

export function findTemplate(prompt: string): OutputTemplate {
  const lines = prompt.split(/\r?\n/);
  for (let i = 0; i + 1 < lines.length; i++) {
    const header = lines[i]!.trim();
    const bullet = PLACEHOLDER_BULLET.exec(lines[i + 1]!);
    if (bullet && header.length > 0 && !header.startsWith('#') && !PLACEHOLDER_BULLET.test(header)) {
      return { header, marker: `${bullet[1]} ` };
    }
  }
  return GENERIC_TEMPLATE;
}

export function fillDate(header: string, date: string): string {
  return header.split('{date}').join(date);
}

export interface SummaryParts {
  header: string;
  marker: string;
  bullets: string[];
  /** one line per malformed input line, already made safe to show */
  anomalies: string[];
  notes: string[];
  status: string;
  maxWords?: number;
}

export function countWords(text: string): number {
  return text.split(/\s+/).filter((word) => word.length > 0).length;
}

function truncateWords(text: string, words: number): string {
  const parts = text.split(/\s+/).filter((word) => word.length > 0);
  return parts.length <= words ? parts.join(' ') : `${parts.slice(0, Math.max(1, words)).join(' ')}…`;
}

/** The summary as a list of chunks (header, bullets, anomalies, status): written in that order. */
export function renderSummary(parts: SummaryParts): string[] {
  let anomalies = parts.anomalies;
  let bullets = parts.bullets;
  const render = (): string[] => {
    const chunks = [`${parts.header}\n`];
    if (bullets.length > 0) chunks.push(bullets.map((bullet) => `${parts.marker}${bullet}\n`).join(''));
    if (parts.notes.length > 0) chunks.push(parts.notes.map((note) => `${note}\n`).join(''));
    if (anomalies.length > 0) chunks.push(`Anomalies:\n${anomalies.map((line) => `- ${line}\n`).join('')}`);
    chunks.push(`STATUS: ${parts.status}\nEND_OF_RUN\n`);
    return chunks;
  };
  const max = parts.maxWords;
  if (max === undefined) return render();
  const words = (): number => countWords(render().join(''));
  // over the limit: fewer anomaly lines first, then shorter bullets
  if (words() > max && anomalies.length > 1) {
    const all = parts.anomalies;
    for (let keep = all.length - 1; keep >= 1 && words() > max; keep--)
      anomalies = [...all.slice(0, keep), `… and ${all.length - keep} more`];
  }
  if (words() > max && bullets.length > 0) {
    const fixed = countWords(render().join('')) - bullets.reduce((sum, bullet) => sum + countWords(bullet), 0);
    const each = Math.max(1, Math.floor((max - fixed) / bullets.length));
    bullets = parts.bullets.map((bullet) => truncateWords(bullet, each));
  }
  return render();
}
