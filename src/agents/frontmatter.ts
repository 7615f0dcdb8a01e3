import { parseDocument } from 'yaml';
import type { Problem } from './problems.js';

export interface SplitFile {
  data: unknown;
  body: string;
  /** Where the front-matter ends in the file, so edits can keep the body byte for byte. */
  frontMatterText: string;
  bodyOffset: number;
}

const OPEN = /^---[ \t]*\r?\n/;
const CLOSE = /\r?\n---[ \t]*(\r?\n|$)/;

/** Splits `---\nyaml\n---\nbody`. Returns problems (with YAML line numbers) instead of throwing. */
export function splitFrontMatter(file: string, text: string): { ok: true; value: SplitFile } | { ok: false; problems: Problem[] } {
  const open = OPEN.exec(text);
  if (!open) {
    return { ok: false, problems: [{ file, field: '', message: 'does not start with a front-matter block: expected a first line of ---, then YAML keys, then ---' }] };
  }
  const rest = text.slice(open[0].length);
  const close = CLOSE.exec(rest);
  if (!close) {
    return { ok: false, problems: [{ file, field: '', message: 'the front-matter block is never closed: expected a line of --- after the YAML keys' }] };
  }
  const frontMatterText = rest.slice(0, close.index);
  const bodyOffset = open[0].length + close.index + close[0].length;
  const doc = parseDocument(frontMatterText, { prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length > 0) {
    return {
      ok: false,
      problems: doc.errors.map((error) => {
        const line = error.linePos?.[0]?.line;
        // +1: the opening --- is line 1 of the file.
        const where = line === undefined ? '' : `line ${line + 1}: `;
        return { file, field: '', message: `${where}YAML does not parse: ${error.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '')}` };
      }),
    };
  }
  return { ok: true, value: { data: doc.toJS() ?? {}, body: text.slice(bodyOffset), frontMatterText, bodyOffset } };
}
