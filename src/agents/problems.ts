import type * as z from 'zod';

/**
 * One thing wrong with a file, located well enough to fix without reading
 * source code: `agents/x.md: trigger.cron: "61 * * * *" is not a valid cron
 * expression: minute 61 is outside 0-59`.
 */
export interface Problem {
  file: string;
  field: string;
  message: string;
}

export function formatProblem(problem: Problem): string {
  return problem.field
    ? `${problem.file}: ${problem.field}: ${problem.message}`
    : `${problem.file}: ${problem.message}`;
}

/** Turns zod's issues into problems, looking values up in `raw` so the message can quote them. */
export function problemsFromZod(
  file: string,
  error: z.ZodError,
  raw: unknown,
  knownKeys: (path: PropertyKey[]) => string[],
): Problem[] {
  const out: Problem[] = [];
  for (const issue of error.issues) {
    const path = issue.path;
    const field = path.map(String).join('.');
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        const known = knownKeys(path);
        const guess = closest(key, known);
        const fieldName = [...path.map(String), key].join('.');
        out.push({
          file,
          field: fieldName,
          message: `unknown key${guess ? ` (did you mean "${guess}"?)` : ''}: expected one of ${known.join(', ')}`,
        });
      }
      continue;
    }
    const value = valueAt(raw, path);
    if (issue.code === 'invalid_type') {
      const found = value === undefined ? 'nothing' : JSON.stringify(value);
      const message =
        value === undefined
          ? `missing: ${describeExpected(issue.expected)} is required`
          : `${found} is not ${describeExpected(issue.expected)}`;
      out.push({ file, field, message });
      continue;
    }
    if (issue.code === 'invalid_value' && 'values' in issue) {
      out.push({
        file,
        field,
        message: `${JSON.stringify(value)} is not allowed: expected one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`,
      });
      continue;
    }
    if (issue.code === 'invalid_union' && issue.message.startsWith('Invalid input')) {
      // Report the branch that matches the value's shape (a mapping, a word), not "no branch matched".
      const deep = issue.errors.find((issues) => issues.length > 0 && issues.every((i) => i.path.length > 0));
      const branch =
        deep ??
        issue.errors.find(
          (issues) => issues.length > 0 && !issues.some((i) => i.code === 'invalid_type' && i.path.length === 0),
        );
      if (branch) {
        const nested = problemsFromZod(
          file,
          { issues: branch.map((i) => ({ ...i, path: [...path, ...i.path] })) } as z.ZodError,
          raw,
          knownKeys,
        );
        out.push(...nested);
      } else {
        out.push({ file, field, message: `${JSON.stringify(value)} is not allowed here` });
      }
      continue;
    }
    const quoted = JSON.stringify(value);
    const message =
      issue.code === 'custom' || value === undefined || issue.message.startsWith(quoted)
        ? issue.message
        : `${quoted}: ${issue.message}`;
    out.push({ file, field, message });
  }
  return out;
}

function describeExpected(expected: string): string {
  switch (expected) {
    case 'number':
      return 'a number';
    case 'string':
      return 'text';
    case 'boolean':
      return 'true or false';
    case 'object':
      return 'a mapping (key: value lines)';
    case 'array':
      return 'a list';
    default:
      return expected;
  }
}

function valueAt(raw: unknown, path: PropertyKey[]): unknown {
  let current: unknown = raw;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

/** The known key within two edits of `key`, if there is exactly one best. */
export function closest(key: string, known: string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = 3;
  for (const candidate of known) {
    const distance = editDistance(key.toLowerCase(), candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length]!;
}

/** For "did you mean" hints: the keys a schema allows at a path (objects, and the options of a union). */
export function keysOf(root: unknown): (path: PropertyKey[]) => string[] {
  return (path) => {
    let shape: unknown = root;
    for (const key of path) {
      const fields = (unwrap(shape) as { shape?: Record<string, unknown> }).shape;
      if (!fields || !(String(key) in fields)) return [];
      shape = fields[String(key)];
    }
    shape = unwrap(shape);
    const fields = (shape as { shape?: Record<string, unknown> }).shape;
    if (fields) return Object.keys(fields);
    const options = (shape as { options?: unknown[] }).options;
    if (options)
      return [...new Set(options.flatMap((option) => Object.keys((unwrap(option) as { shape?: object }).shape ?? {})))];
    return [];
  };
}

/** Looks through optional/default/pipe wrappers to the object schema inside. */
function unwrap(schema: unknown): unknown {
  let current = schema as { def?: { innerType?: unknown; in?: unknown; type?: string } } | undefined;
  for (let i = 0; i < 8 && current?.def; i++) {
    const def = current.def;
    if (def.innerType) current = def.innerType as typeof current;
    else if (def.type === 'pipe' && def.in) current = def.in as typeof current;
    else break;
  }
  return current;
}
