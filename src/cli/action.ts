import type { Command } from 'commander';
import { NightshiftError } from '../shared/index.js';
import { safeJson, visible } from '../text/index.js';
import { unnamedDiskWriteError } from '../files/index.js';
import { printStyled, printText } from './output.js';
import { colorEnabled, paint } from '../text/index.js';

/**
 * Wraps a command's work: what it resolves to is the exit code; a
 * NightshiftError is printed for a person (or as JSON with --json) and exits
 * with its own code; a disk that refused a write exits 3 (DiskWriteError);
 * anything else is a bug and exits 70 with the stack.
 */
export function action<Args extends unknown[]>(work: (...args: Args) => Promise<number | void>) {
  return async (...args: Args): Promise<void> => {
    const command = args[args.length - 1] as Command;
    const json = Boolean((command.optsWithGlobals?.() as { json?: boolean } | undefined)?.json);
    try {
      const code = await work(...args);
      process.exitCode = code ?? 0;
    } catch (error) {
      process.exitCode = reportError(error, json);
    }
  };
}

export function reportError(thrown: unknown, json: boolean): number {
  // a full disk is the operator's to fix, not a bug: said as such even where the code that wrote did not name it
  const error = unnamedDiskWriteError(thrown) ?? thrown;
  if (error instanceof NightshiftError) {
    // a message may quote a file or a value (a problem in an agent file): shown, not obeyed
    if (json) process.stdout.write(`${safeJson(error.toJSON())}\n`);
    else
      printStyled(
        `${paint('nightshift:', 'red', colorEnabled(process.stderr))} ${visible(error.message)}\n`,
        process.stderr,
      );
    return error.exitCode;
  }
  const text = error instanceof Error ? (error.stack ?? error.message) : String(error);
  if (json)
    process.stdout.write(
      `${safeJson({ error: 'INTERNAL', message: String(error instanceof Error ? error.message : error) })}\n`,
    );
  printText(`nightshift: internal error (please report it): ${text}\n`, process.stderr);
  return 70;
}
