import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CorruptFileError, literal, nullable, object, string } from '../../shared/index.js';
import type { Baseline } from './judge.js';
import { writeFileAtomically } from '../../files/index.js';

/**
 * evals/<agent>/<case>/baseline.md is the output the operator accepted
 * (`eval --baseline`); baseline.json holds its status and which run made
 * it. Both plain files: a baseline is reviewed with `git diff` like the rest.
 * last.md is the output of the latest eval run, for reading when it fails.
 */
export const BASELINE_TEXT = 'baseline.md';
export const BASELINE_META = 'baseline.json';
export const LAST_OUTPUT = 'last.md';

/** baseline.json, declared like every file nightshift writes (src/shared/format.ts). */
export const baselineMetaSchema = object(
  {
    v: literal(1),
    status: string({ min: 1 }),
    at: string(),
    run_id: nullable(string()),
  },
  'a baseline status',
);

export async function readBaseline(caseDir: string, rel: string): Promise<Baseline | null> {
  let text: string;
  try {
    text = await readFile(join(caseDir, BASELINE_TEXT), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  let raw: string;
  try {
    raw = await readFile(join(caseDir, BASELINE_META), 'utf8');
  } catch {
    throw new CorruptFileError(
      `${rel}/${BASELINE_META}`,
      `is missing next to ${BASELINE_TEXT}: the baseline's status is unknown`,
      {
        expected: '{"v":1,"status":"OK","at":"…","run_id":"…"}',
        fix: `store the baseline again: nightshift eval <agent> --baseline`,
      },
    );
  }
  const json = jsonOrUndefined(raw);
  const parsed = baselineMetaSchema.safeParse(json);
  if (!parsed.success) {
    const problem = json === undefined ? 'not JSON' : parsed.error.message;
    throw new CorruptFileError(`${rel}/${BASELINE_META}`, `does not hold a baseline status (${problem})`, {
      field: parsed.error.field,
      expected: '{"v":1,"status":"OK","at":"…","run_id":"…"}',
      actual: raw.slice(0, 80),
      fix: `correct ${BASELINE_META} by hand, or store the baseline again: nightshift eval <agent> --baseline`,
      cause: parsed.error,
    });
  }
  return { text, status: parsed.data.status };
}

export async function storeBaseline(
  caseDir: string,
  text: string,
  meta: { status: string; at: string; run_id: string | null },
): Promise<void> {
  await writeFileAtomically(join(caseDir, BASELINE_TEXT), text, { mode: 0o600 });
  await writeFileAtomically(join(caseDir, BASELINE_META), `${JSON.stringify({ v: 1, ...meta }, null, 2)}\n`, {
    mode: 0o600,
  });
}

function jsonOrUndefined(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
