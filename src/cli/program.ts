import { Command } from 'commander';
import { registerCommands } from './commands/index.js';
import { EXIT, EXIT_CODES_HELP } from './exit-codes.js';
import { printText } from './output.js';
import { commandOf, withDefaultCommand } from './route.js';
import { VERSION } from '../shared/index.js';

/**
 * The `nightshift` program. Commands load their modules lazily, so `nightshift
 * run` never pays for the console's React and Ink.
 */
/** `argv`: build only the command it names (see registerCommands); without it, every command. */
export function buildProgram(argv?: readonly string[]): Command {
  const program = new Command('nightshift')
    .description(
      'Run background LLM agents inside hard limits, keep their audit trail, and operate them from one console.',
    )
    .version(VERSION, '-V, --version')
    .option('--home <dir>', 'the nightshift home (default: $NIGHTSHIFT_HOME, else ~/.bot-infrastructure)')
    .showHelpAfterError('(run with --help for usage)')
    // commander's errors quote the arguments, which a script may have taken from anywhere: shown, not obeyed
    .configureOutput({ writeErr: (text) => printText(text, process.stderr) })
    .addHelpText('after', EXIT_CODES_HELP)
    // commander's own exits (an unknown command or option, a missing argument, --help) come back as errors, so
    // main gives them the codes --help lists; every command registered below inherits this
    .exitOverride();
  registerCommands(program, argv === undefined ? null : commandOf(argv));
  return program;
}

/** No command means the console (`nightshift` alone is what a person types first). */
export async function main(argv: readonly string[]): Promise<void> {
  const args = withDefaultCommand(argv);
  try {
    await buildProgram(args).parseAsync(args);
  } catch (error) {
    const exitCode = commanderExitCode(error);
    if (exitCode === null) throw error;
    process.exitCode = exitCode;
  }
}

/**
 * What commander's exit means in nightshift's codes: --help and --version
 * succeed (0); anything else it stops on (an unknown command or option, a
 * missing or extra argument) is a usage error (2), never commander's own 1,
 * which nightshift keeps for "something needs attention". Commander has
 * already printed its message. null: not commander's.
 */
export function commanderExitCode(error: unknown): number | null {
  const { code, exitCode } = (error ?? {}) as { code?: unknown; exitCode?: unknown };
  if (typeof code !== 'string' || !code.startsWith('commander.') || typeof exitCode !== 'number') return null;
  return exitCode === 0 ? EXIT.OK : EXIT.USAGE;
}

export interface StartOptions {
  /**
   * Epoch ms: load everything the command needs now, start it then. The
   * daemon starts cron runs a few seconds ahead this way, so a run begins on
   * its second rather than after start-up (src/cli/run-at.ts).
   */
  startAt?: number;
}

/** Runs the command argv names, as bin/nightshift.js does; an error no command caught is reported as internal (exit 70). */
export async function start(argv: readonly string[], options: StartOptions = {}): Promise<void> {
  // a reader that stops early (`nightshift logs | head -1`) closes the pipe: what is left to print is dropped,
  // and the command finishes its work (a run still records itself) rather than dying on EPIPE mid-way
  for (const stream of [process.stdout, process.stderr])
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE') throw error;
    });
  try {
    if (options.startAt !== undefined) {
      await warm(argv);
      const wait = options.startAt - Date.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    }
    await main(argv);
  } catch (error) {
    process.stderr.write(
      `nightshift: internal error (please report it): ${error instanceof Error ? error.stack : String(error)}\n`,
    );
    process.exitCode = 70;
  }
}

/**
 * Loads what a command will need without running it: the daemon's early
 * start of a cron run (src/daemon/run-at.ts). Best effort: a module
 * that fails here fails again, reported, when the command runs.
 */
async function warm(argv: readonly string[]): Promise<void> {
  if (commandOf(argv) !== 'run') return;
  const ignore = () => undefined;
  await Promise.all([
    import('../harness/index.js').catch(ignore),
    import('../runners/index.js').catch(ignore),
    import('../journal/index.js').catch(ignore),
    import('../state/index.js').catch(ignore),
    import('../agents/index.js').catch(ignore),
    import('../home/index.js').catch(ignore),
    import('../watchdog/index.js').catch(ignore),
  ]);
}
