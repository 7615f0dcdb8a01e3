import { Command } from 'commander';
import { withDefaultCommand } from './commands/console.js';
import { registerCommands } from './commands/index.js';
import { EXIT_CODES_HELP } from './exit-codes.js';
import { VERSION } from '../version.js';

/**
 * The `nightshift` entry. Commands load their modules lazily, so `nightshift
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

// no command: the console (`nightshift` alone is what a person types first)
await buildProgram().parseAsync(withDefaultCommand(process.argv));
