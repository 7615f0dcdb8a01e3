/**
 * What a log line looks like, so that a line unlike the others stands out as
 * an anomaly: in a log of "HH:MM - text" lines, a line without a time, a time
 * of 25:99 or a line with control characters is malformed.
 */
export type Shape = 'iso-timestamp' | 'time-dash' | 'time-text' | 'bracketed' | 'bullet' | 'free';

interface ShapeRule {
  shape: Exclude<Shape, 'free'>;
  pattern: RegExp;
  /** how an operator would write the shape */
  label: string;
  /** the prefix to strip to get the line's content */
  prefix: RegExp;
}

const RULES: readonly ShapeRule[] = [
  {
    shape: 'iso-timestamp',
    pattern: /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?\s+\S/,
    label: 'YYYY-MM-DD HH:MM text',
    prefix: /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?\s*[-\u2013\u2014:|]?\s*/,
  },
  {
    shape: 'time-dash',
    pattern: /^\d{1,2}:\d{2}(:\d{2})?\s*[-\u2013\u2014]\s*\S/,
    label: 'HH:MM - text',
    prefix: /^\d{1,2}:\d{2}(:\d{2})?\s*[-\u2013\u2014]\s*/,
  },
  {
    shape: 'time-text',
    pattern: /^\d{1,2}:\d{2}(:\d{2})?\s+\S/,
    label: 'HH:MM text',
    prefix: /^\d{1,2}:\d{2}(:\d{2})?\s+/,
  },
  { shape: 'bracketed', pattern: /^\[[^\]]{1,60}\]\s*\S/, label: '[stamp] text', prefix: /^\[[^\]]{1,60}\]\s*/ },
  { shape: 'bullet', pattern: /^[-*\u2022]\s+\S/, label: '- text', prefix: /^[-*\u2022]\s+/ },
];

// C0 controls except tab, DEL, C1 controls, and U+FFFD (bytes that were not UTF-8)
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\uFFFD]/;

export function shapeOf(line: string): Shape {
  for (const rule of RULES) if (rule.pattern.test(line)) return rule.shape;
  return 'free';
}

export function shapeLabel(shape: Shape): string {
  return RULES.find((rule) => rule.shape === shape)?.label ?? 'free text';
}

/** The line without its time stamp or bullet: what the line says. */
export function contentOf(line: string): string {
  const rule = RULES.find((r) => r.pattern.test(line));
  return (rule ? line.replace(rule.prefix, '') : line).trim();
}

export interface LineVerdict {
  index: number;
  text: string;
  /** why the line is malformed; undefined for a good line */
  problem?: string;
}

/** A shape is the log's shape when at least this share of its lines have it. */
const DOMINANT_SHARE = 0.6;

export function dominantShape(lines: readonly string[]): Shape {
  if (lines.length === 0) return 'free';
  const counts = new Map<Shape, number>();
  for (const line of lines) counts.set(shapeOf(line), (counts.get(shapeOf(line)) ?? 0) + 1);
  let best: Shape = 'free';
  let bestCount = 0;
  // fixed order → the same answer on a tie every time
  for (const shape of ['iso-timestamp', 'time-dash', 'time-text', 'bracketed', 'bullet', 'free'] as const) {
    const n = counts.get(shape) ?? 0;
    if (n > bestCount) {
      best = shape;
      bestCount = n;
    }
  }
  return bestCount / lines.length >= DOMINANT_SHARE ? best : 'free';
}

/** Every non-blank line with its problem, if any. `index` is the 1-based line number in the file. */
export function checkLines(rawLines: readonly string[]): { verdicts: LineVerdict[]; shape: Shape } {
  const numbered = rawLines.map((text, i) => ({ index: i + 1, text })).filter((line) => line.text.trim().length > 0);
  const shape = dominantShape(numbered.map((line) => line.text));
  const verdicts = numbered.map((line): LineVerdict => {
    const problem = problemOf(line.text, shape);
    return problem ? { ...line, problem } : line;
  });
  return { verdicts, shape };
}

function problemOf(line: string, shape: Shape): string | undefined {
  if (CONTROL.test(line)) return 'control characters';
  if (shape === 'free') return undefined;
  // "09:15 Deployed" in a log of "09:15 - Deployed" lines is the same kind of line, just looser
  const own = shapeOf(line);
  const compatible =
    own === shape || (shape === 'time-dash' && own === 'time-text') || (shape === 'time-text' && own === 'time-dash');
  if (!compatible) return `does not match the log's "${shapeLabel(shape)}" lines`;
  if (own === 'time-dash' || own === 'time-text' || own === 'iso-timestamp') {
    const time = /(?:^|[T ])(\d{1,2}):(\d{2})/.exec(own === 'iso-timestamp' ? line.slice(10, 17) : line);
    if (time && (Number(time[1]) > 23 || Number(time[2]) > 59)) return `no such time ${time[1]}:${time[2]}`;
  }
  if (contentOf(line).length === 0) return 'nothing after the time stamp';
  return undefined;
}

/** A malformed line as it can be shown safely: control characters escaped, long lines cut. */
export function showLine(text: string, max = 80): string {
  const escaped = text.replace(
    /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g,
    (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`,
  );
  return escaped.length > max ? `${escaped.slice(0, max)}…` : escaped;
}
