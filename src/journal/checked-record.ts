import { type Schema, ValidationError } from '../shared/index.js';

/**
 * A record nightshift writes itself, checked against its format before it is
 * appended: a bug surfaces as an error where the record is made, not as a
 * line every reader skips. Returns the format's output (its key order).
 */
export function checkedRecord<T>(file: string, schema: Schema<T>, record: unknown, what: string): T {
  const result = schema.safeParse(record);
  if (result.success) return result.data;
  const field = result.error.path.join('.');
  throw new ValidationError(
    `${file}: refusing to append an invalid ${what}: ${field || 'the record'}: ${result.error.problem}`,
    {
      file,
      field,
      expected: `a ${what} (${field || 'the record'}: ${result.error.expected ?? ''})`,
      actual: result.error.actual,
      cause: result.error,
    },
  );
}
