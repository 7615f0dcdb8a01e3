import { Command } from 'commander';
import { registerCommands } from './commands/index.js';
import { EXIT_CODES_HELP } from './exit-codes.js';
import { withDefaultCommand } from './route.js';
import { VERSION } from '../version.js';

/**
 * The `nightshift` program. Commands load their modules lazily, so `nightshift
 * run` never pays for the console's React and Ink.
 */
export function buildProgram(): Command {
  const program = new Command('nightshift')
    .description('Run background LLM agents inside hard limits, keep their audit trail, and operate them from one console.')
    .version(VERSION, '-V, --version')
    .option('--home <dir>', 'the nightshift home (default: $NIGHTSHIFT_HOME, else ~/.bot-infrastructure)')
    .showHelpAfterError('(run with --help for usage)')
    .addHelpText('after', EXIT_CODES_HELP);
  registerCommands(program);
  return program;
}

/** No command means the console (`nightshift` alone is what a person types first). */
export async function main(argv: readonly string[]): Promise<void> {
  await buildProgram().parseAsync(withDefaultCommand(argv));
}
