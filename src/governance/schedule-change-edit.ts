import { isMap, isScalar, parseDocument, type Scalar } from 'yaml';
import { CorruptFileError, UsageError } from '../shared/index.js';
import { loadParsers } from '../agents/index.js';
import { type CommentChange, followCronComment, hashColumn } from './schedule-change-comment.js';

/**
 * Changes `trigger.cron` in an agent file's text and nothing else: the new
 * expression replaces exactly the characters of the old value (found through
 * the YAML parser's source ranges), in the same quoting style when that
 * style can hold it. Comments, key order, indentation, line endings, flow
 * style and the prompt stay byte for byte, but for the comment beside it that
 * says the old schedule in words, which says the new one (schedule-change-comment.ts).
 * Pure: text in, text out.
 */
export interface CronEdit {
  text: string;
  before: string;
  after: string;
  unchanged: boolean;
  /** the comment beside it that said the old schedule in words, now saying the new one */
  comment?: CommentChange | null;
}

const OPEN = /^---[ \t]*\r?\n/;

// loaded with this module, which yaml already makes a parsing one
const { splitFrontMatter } = await loadParsers();

export function editCron(fileText: string, file: string, cron: string): CronEdit {
  const split = splitFrontMatter(file, fileText);
  if (!split.ok)
    throw new CorruptFileError(
      file,
      `${split.problems[0]?.message ?? 'does not parse'}; fix it first (nightshift validate lists every problem)`,
    );
  const frontStart = (OPEN.exec(fileText) as RegExpExecArray)[0].length;
  const front = split.value.frontMatterText;
  const node = cronNode(front, file);
  const before = String(node.value);
  if (before.trim() === cron) return { text: fileText, before, after: cron, unchanged: true };
  const [start, end] = node.range as [number, number, number];
  const value = renderings(node, front.slice(start, end), cron).find((candidate) =>
    sameExceptCron(front, front.slice(0, start) + candidate + front.slice(end), cron),
  );
  if (value === undefined) {
    throw new UsageError(
      `${file}: cannot write "${cron}" into trigger.cron without changing anything else; edit the file by hand`,
      { file, field: 'trigger.cron', actual: cron },
    );
  }
  const replaced = front.slice(0, start) + value + front.slice(end);
  // a block scalar's value spans lines: no comment sits beside it
  const followed = value.includes('\n')
    ? { text: replaced, comment: null }
    : followCronComment(replaced, start + value.length, before, cron, hashColumn(front, end));
  return {
    text: fileText.slice(0, frontStart) + followed.text + fileText.slice(frontStart + front.length),
    before,
    after: cron,
    unchanged: false,
    comment: followed.comment,
  };
}

/** The kinds of trigger an agent can have, for the refusal message. */
function triggerKind(trigger: unknown): string {
  if (!isMap(trigger)) return 'no trigger';
  for (const kind of ['watch', 'when'] as const) if (trigger.has(kind)) return `a ${kind} trigger`;
  return 'a trigger without cron';
}

function cronNode(front: string, file: string): Scalar {
  const doc = parseDocument(front, { uniqueKeys: true });
  const trigger = doc.get('trigger', true);
  const node = isMap(trigger) ? trigger.get('cron', true) : undefined;
  if (node === undefined) {
    const kind =
      trigger === undefined || trigger === null ? 'no trigger (it runs only when asked)' : triggerKind(trigger);
    throw new UsageError(
      `${file} has ${kind}: \`schedule\` changes the time of a cron trigger only. Adding a schedule or ` +
        `swapping the trigger kind changes what the agent is; edit the file, run \`nightshift validate\`, and ` +
        'have the change reviewed',
      { file, field: 'trigger.cron', expected: 'an agent with trigger.cron', actual: kind },
    );
  }
  if (!isScalar(node) || typeof node.value !== 'string' || !node.range) {
    throw new UsageError(`${file}: trigger.cron is not a text value; expected a cron expression like "0 23 * * *"`, {
      file,
      field: 'trigger.cron',
    });
  }
  return node;
}

/** Ways to write the new value in place of `old`, the file's own style first; the first that parses back right wins. */
function renderings(node: Scalar, old: string, cron: string): string[] {
  const double = JSON.stringify(cron);
  const single = `'${cron.replace(/'/g, "''")}'`;
  const eol = /\r?\n$/.exec(old)?.[0] ?? ''; // a block scalar's span ends with its line break
  switch (node.type) {
    case 'QUOTE_DOUBLE':
      return [double];
    case 'QUOTE_SINGLE':
      return [single, double];
    case 'PLAIN':
      return [cron, double];
    default:
      return [double + eol];
  }
}

/** The candidate parses, holds `cron` in trigger.cron, and every other value is what it was. */
function sameExceptCron(original: string, candidate: string, cron: string): boolean {
  const doc = parseDocument(candidate, { uniqueKeys: true });
  if (doc.errors.length > 0 || doc.getIn(['trigger', 'cron']) !== cron) return false;
  const was = parseDocument(original, { uniqueKeys: true });
  was.setIn(['trigger', 'cron'], cron);
  return JSON.stringify(was.toJS()) === JSON.stringify(doc.toJS());
}
