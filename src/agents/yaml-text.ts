import { type Document, isMap, isScalar, parseDocument } from 'yaml';
import type { Problem } from './problems.js';

export type YamlText = { ok: true; data: unknown } | { ok: false; problems: Problem[] };

/**
 * A YAML text nightshift reads (an agent's front-matter, nightshift.yaml, an
 * eval case) to plain data, or problems that name the line. A key given
 * twice is refused, never silently resolved (which of two `limits:` would
 * win is not something to guess), and the problem names the key and both
 * lines. `firstLine` is the file line the text starts on (2 for a
 * front-matter after its opening ---).
 */
export function parseYamlText(file: string, text: string, firstLine = 1): YamlText {
  const doc = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length === 0) return { ok: true, data: doc.toJS() ?? {} };
  const lines = lineStarts(text);
  const lineOf = (offset: number) => lineIndex(lines, offset) + firstLine;
  const duplicates = duplicateKeys(doc);
  return {
    ok: false,
    problems: doc.errors.map((error): Problem => {
      const duplicate = error.code === 'DUPLICATE_KEY' ? duplicates.get(error.pos[0]) : undefined;
      if (duplicate) {
        const [first, again] = [lineOf(duplicate.firstOffset), lineOf(duplicate.offset)];
        return {
          file,
          field: duplicate.path,
          message:
            `line ${again}: the key "${duplicate.key}" is given twice, on lines ${first} and ${again}: keep one ` +
            '(YAML would otherwise have to guess which one counts)',
        };
      }
      const where = error.linePos?.[0] ? `line ${error.linePos[0].line - 1 + firstLine}: ` : '';
      return {
        file,
        field: '',
        message: `${where}YAML does not parse: ${error.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '')}`,
      };
    }),
  };
}

interface DuplicateKey {
  /** dotted path of the repeated key, as problems name fields (limits.time, alerts.channels.0.url) */
  path: string;
  key: string;
  offset: number;
  firstOffset: number;
}

/**
 * Every key repeated in its mapping, by the offset of the repeat (where the
 * yaml package reports it). Keys compare as the package compares them:
 * scalars by value.
 */
function duplicateKeys(doc: Document): Map<number, DuplicateKey> {
  const found = new Map<number, DuplicateKey>();
  const visit = (node: unknown, path: string[]): void => {
    if (isMap(node)) {
      const seen = new Map<unknown, number>();
      for (const pair of node.items) {
        const key = pair.key;
        const name = isScalar(key) ? key.value : undefined;
        const offset = isScalar(key) ? key.range?.[0] : undefined;
        if (name !== undefined && offset !== undefined) {
          const firstOffset = seen.get(name);
          const keyPath = [...path, String(name)];
          if (firstOffset === undefined) seen.set(name, offset);
          else found.set(offset, { path: keyPath.join('.'), key: String(name), offset, firstOffset });
        }
        visit(pair.value, [...path, String(name ?? '?')]);
      }
      return;
    }
    // a sequence: its items, by index (isSeq is not among the lazily loaded exports, and this is all it takes)
    const items = (node as { items?: unknown } | null)?.items;
    if (Array.isArray(items)) items.forEach((item, index) => visit(item, [...path, String(index)]));
  };
  visit(doc.contents, []);
  return found;
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) starts.push(at + 1);
  return starts;
}

/** 0-based line of an offset: the last line start at or before it. */
function lineIndex(starts: number[], offset: number): number {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (starts[mid]! <= offset) low = mid;
    else high = mid - 1;
  }
  return low;
}
