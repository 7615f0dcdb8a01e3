import type { Problem } from './problems.js';
import { parseYamlText } from './yaml-text.js';

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
export function splitFrontMatter(
  file: string,
  text: string,
): { ok: true; value: SplitFile } | { ok: false; problems: Problem[] } {
  const open = OPEN.exec(text);
  if (!open) {
    return {
      ok: false,
      problems: [
        {
          file,
          field: '',
          message: 'does not start with a front-matter block: expected a first line of ---, then YAML keys, then ---',
        },
      ],
    };
  }
  const rest = text.slice(open[0].length);
  const close = CLOSE.exec(rest);
  if (!close) {
    return {
      ok: false,
      problems: [
        {
          file,
          field: '',
          message: 'the front-matter block is never closed: expected a line of --- after the YAML keys',
        },
      ],
    };
  }
  const frontMatterText = rest.slice(0, close.index);
  const bodyOffset = open[0].length + close.index + close[0].length;
  // the opening --- is line 1 of the file: the YAML starts on line 2
  const parsed = parseYamlText(file, frontMatterText, 2);
  if (!parsed.ok) return parsed;
  return { ok: true, value: { data: parsed.data, body: text.slice(bodyOffset), frontMatterText, bodyOffset } };
}
