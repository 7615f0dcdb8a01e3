/**
 * The error types every room shares. Each one says where (file, field), what was
 * expected and what was found, so an operator reading it at 7 a.m. knows the fix.
 * `exitCode` is what the CLI exits with when the error reaches it.
 */
export interface ErrorDetails {
  file?: string;
  field?: string;
  expected?: string;
  actual?: string;
  fix?: string;
  cause?: unknown;
}

export class NightshiftError extends Error {
  readonly code: string;
  readonly exitCode: number;
  readonly file?: string;
  readonly field?: string;
  readonly expected?: string;
  readonly actual?: string;
  readonly fix?: string;

  constructor(code: string, message: string, details: ErrorDetails = {}, exitCode = 1) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = new.target.name;
    this.code = code;
    this.exitCode = exitCode;
    this.file = details.file;
    this.field = details.field;
    this.expected = details.expected;
    this.actual = details.actual;
    this.fix = details.fix;
  }

  toJSON(): Record<string, unknown> {
    return {
      error: this.code,
      message: this.message,
      file: this.file,
      field: this.field,
      expected: this.expected,
      actual: this.actual,
      fix: this.fix,
    };
  }
}

/** The command line was used wrongly (unknown agent, bad flag value). Exit 2. */
export class UsageError extends NightshiftError {
  constructor(message: string, details: ErrorDetails = {}) {
    super('USAGE', message, details, 2);
  }
}

/** There is no home folder where one was expected. Exit 2: nothing to act on yet. */
export class HomeMissingError extends NightshiftError {
  constructor(home: string) {
    super(
      'HOME_MISSING',
      `no nightshift home at ${home}: run \`nightshift init --home ${home}\` first (or set NIGHTSHIFT_HOME)`,
      {
        file: home,
        expected: 'a folder made by `nightshift init`',
        actual: 'nothing there',
        fix: `nightshift init --home ${home}`,
      },
      2,
    );
  }
}

/** A file exists but cannot be read or does not parse. Never overwritten silently. Exit 3. */
export class CorruptFileError extends NightshiftError {
  constructor(file: string, problem: string, details: ErrorDetails = {}) {
    super('CORRUPT_FILE', `${file}: ${problem}`, { file, ...details }, 3);
  }
}

/** A definition or configuration value is wrong. Exit 1 (validation failed). */
export class ValidationError extends NightshiftError {
  constructor(message: string, details: ErrorDetails = {}) {
    super('INVALID', message, details, 1);
  }
}

/** A file changed between nightshift reading it and writing it back: nothing was written. Exit 4. */
export class ConcurrentEditError extends NightshiftError {
  constructor(file: string) {
    super(
      'CONCURRENT_EDIT',
      `${file} changed while nightshift was editing it: nothing was written; run the command again`,
      {
        file,
        expected: 'the file as it was read',
        actual: 'different content on disk',
        fix: 'run the command again (it re-reads the file)',
      },
      4,
    );
  }
}

export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}
