import * as z from 'zod';
import { parseSize } from '../../agents/index.js';
import { RUN_STATUSES, type RunStatus } from '../../journal/index.js';

/**
 * An eval case's files (evals/<agent>/<case>/): case.yaml says what the run
 * must look like; input.gen.yaml, when present instead of input.txt,
 * describes an input too big to commit. Strict, like agent files: a typo
 * such as `forbiden:` must not silently drop a check.
 */
function fraction(what: string) {
  const message = `expected ${what}, a number from 0 to 1 (like 0.6)`;
  return z.number({ message }).min(0, { message }).max(1, { message });
}

const phrase = z.string().min(1, { message: 'expected a non-empty phrase' });

export const caseSchema = z.strictObject({
  description: z.string().optional(),
  expect_status: z.unknown().transform((value, ctx) => {
    if (typeof value === 'string' && (RUN_STATUSES as readonly string[]).includes(value.trim().toUpperCase()))
      return value.trim().toUpperCase() as RunStatus;
    const found = value === undefined ? 'missing' : `${JSON.stringify(value)} is not a run status`;
    ctx.addIssue({
      code: 'custom',
      message: `${found}: expected the status the run must end with, one of ${RUN_STATUSES.join(', ')}`,
    });
    return z.NEVER;
  }),
  required: z.array(phrase).default([]),
  forbidden: z.array(phrase).default([]),
  bullets: z.number().int().nonnegative({ message: 'expected a whole number of bullets, 0 or more' }).optional(),
  max_words: z.number().int().positive({ message: 'expected a whole number of words above 0' }).optional(),
  /** the content score (similarity.ts) under which the case fails; checked when a baseline is stored */
  min_similarity: fraction('the lowest content score that passes').optional(),
  /** how far the content score may fall below its median over the last evals (alerts/rules/eval-drift.ts) */
  max_drop: fraction('how far the content score may fall below its recent median').optional(),
  judge: z
    .strictObject({
      rubric: z.string().trim().min(1, { message: 'expected the rubric: what a good output does, in words' }),
      min_score: z
        .number()
        .int({ message: 'expected a whole score from 0 to 10' })
        .min(0, { message: 'expected a whole score from 0 to 10' })
        .max(10, { message: 'expected a whole score from 0 to 10' }),
    })
    .optional(),
});
export type CaseChecks = z.output<typeof caseSchema>;

/** Generated inputs stop at 1 GB: an eval is not a disk filler. */
const MAX_GENERATED = 1024 ** 3;

export const generatedInputSchema = z.strictObject({
  repeat_line: z
    .string()
    .min(1, { message: 'expected the line to repeat, like "09:15 - Deployed v1.43"' })
    .refine((line) => !/[\r\n]/.test(line), { message: 'expected one line, without line breaks' }),
  bytes: z.union([z.string(), z.number()]).transform((value, ctx) => {
    const bytes = parseSize(value);
    if (bytes === null || bytes > MAX_GENERATED) {
      ctx.addIssue({
        code: 'custom',
        message: `${JSON.stringify(value)} is not a size up to 1GB: expected a number and a unit, like 10MB`,
      });
      return z.NEVER;
    }
    return bytes;
  }),
});
export type GeneratedInput = z.output<typeof generatedInputSchema>;
