import { CorruptFileError } from '../shared/index.js';
import type { FormatError } from '../shared/index.js';
import { STATE_VERSION, stateFileSchema } from './schema.js';
import type { OperatorState } from './schema.js';

export const CORRUPT_STATE_FIX = 'fix or move the file aside; nightshift never overwrites it silently';

/** Pretty-printed with a final newline, so `cat`, `jq` and `git diff` read it well. */
export function formatState(state: OperatorState): string {
  return `${JSON.stringify(state, null, 2)}\n`;
}

/** Pure: the text of state.json to its state, or a CorruptFileError naming the file, the problem and the fix. */
export function parseStateText(text: string, file: string): OperatorState {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    const problem = text.trim() === '' ? 'is empty' : `is not valid JSON: ${detail}${where(text, detail)}`;
    throw new CorruptFileError(file, problem, {
      expected: 'the JSON of a nightshift state file',
      actual: 'text that does not parse as JSON',
      fix: CORRUPT_STATE_FIX,
      cause: error,
    });
  }
  refuseNewerVersion(json, file);
  const parsed = stateFileSchema.safeParse(json);
  if (!parsed.success) {
    const path = pathOf(parsed.error);
    throw new CorruptFileError(file, `does not match the state format at ${path}: ${parsed.error.problem}`, {
      field: path,
      expected: `a version ${STATE_VERSION} state file (v, global, agents)`,
      actual: `${path}: ${parsed.error.problem}`,
      fix: CORRUPT_STATE_FIX,
      cause: parsed.error,
    });
  }
  return parsed.data;
}

/** Checked before the shape: a newer file may have any shape, and "upgrade" is the useful answer. */
function refuseNewerVersion(json: unknown, file: string): void {
  if (typeof json !== 'object' || json === null || !('v' in json)) return;
  const v = json.v;
  if (typeof v === 'number' && v > STATE_VERSION) {
    throw new CorruptFileError(
      file,
      `was written by a newer nightshift (state format v${v}); this one understands v${STATE_VERSION} only`,
      {
        field: 'v',
        expected: String(STATE_VERSION),
        actual: String(v),
        fix: 'upgrade nightshift, or move the file aside; nightshift never overwrites it silently',
      },
    );
  }
}

function pathOf(error: FormatError): string {
  return error.path.length === 0 ? '(root)' : error.path.map(String).join('.');
}

/** V8 says "at position N"; an operator opening the file in an editor wants a line and column. */
function where(text: string, detail: string): string {
  const match = /at position (\d+)/.exec(detail);
  if (!match?.[1]) return '';
  const position = Number(match[1]);
  const before = text.slice(0, position);
  const line = before.split('\n').length;
  const column = position - before.lastIndexOf('\n');
  return ` (line ${line}, column ${column})`;
}
