/**
 * What the kernel lets one exec carry, and what nightshift therefore never
 * puts on a command line. Linux refuses (E2BIG) any single argument or
 * environment string longer than MAX_ARG_STRLEN (32 pages: 128 KiB, its
 * closing NUL included) and all of them together beyond ARG_MAX (a quarter of
 * the stack limit: 2 MB with the usual 8 MB). A prompt is passed to a runner
 * in a file, on stdin or in a request body, never as an argument; the agent
 * file's own arguments (runner.command, a `when` command) are held to these
 * limits by validation, so `validate` says what `run` would fail on.
 */

/** One argument or environment string, in bytes, without its closing NUL. */
export const MAX_ARG_BYTES = 128 * 1024 - 1;

/**
 * Every argument of one command line together: half of Linux's usual ARG_MAX,
 * the other half left to the environment the run inherits.
 */
export const MAX_ARGV_BYTES = 1024 * 1024;

/**
 * The largest agent prompt any runner takes: claude gets it as a file
 * (--system-prompt-file), the HTTP runners in the request body. A megabyte is
 * about 250k tokens, more than a model's whole context.
 */
export const MAX_PROMPT_BYTES = 1024 * 1024;

export function utf8Bytes(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

export interface CommandLineSize {
  /** the longest argument: its index in argv and its bytes (as MAX_ARG_BYTES counts them: no closing NUL) */
  longestArg: { index: number; bytes: number };
  /** the longest environment string (NAME=value), counted likewise */
  longestEnv: { name: string; bytes: number };
  /** arguments and environment strings together, each with its closing NUL, as ARG_MAX counts them */
  total: number;
}

/** What an exec of `argv` with `env` asks of the kernel: the figures E2BIG is decided on. */
export function measureCommandLine(argv: readonly string[], env: NodeJS.ProcessEnv): CommandLineSize {
  const size: CommandLineSize = { longestArg: { index: -1, bytes: 0 }, longestEnv: { name: '', bytes: 0 }, total: 0 };
  argv.forEach((arg, index) => {
    const bytes = utf8Bytes(arg);
    size.total += bytes + 1;
    if (bytes > size.longestArg.bytes) size.longestArg = { index, bytes };
  });
  for (const [name, value] of Object.entries(env)) {
    if (value === undefined) continue;
    const bytes = utf8Bytes(`${name}=${value}`);
    size.total += bytes + 1;
    if (bytes > size.longestEnv.bytes) size.longestEnv = { name, bytes };
  }
  return size;
}
