import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as z from 'zod';
import { CorruptFileError } from '../../shared/index.js';
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

const metaSchema = z.object({
  v: z.literal(1),
  status: z.string().min(1),
  at: z.string(),
  run_id: z.string().nullable(),
});

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
  const parsed = metaSchema.safeParse(
    (() => {
      try {
        return JSON.parse(raw) as unknown;
      } catch {
        return null;
      }
    })(),
  );
  if (!parsed.success) {
    throw new CorruptFileError(`${rel}/${BASELINE_META}`, 'does not hold a baseline status', {
      expected: '{"v":1,"status":"OK","at":"…","run_id":"…"}',
      actual: raw.slice(0, 80),
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
