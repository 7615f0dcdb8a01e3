import type { Command } from 'commander';
import { registerConsole } from './console.js';
import { registerCheck } from './check.js';
import { registerCron } from './cron.js';
import { registerDaemon } from './daemon.js';
import { registerDoctor } from './doctor.js';
import { registerEval } from './eval.js';
import { registerExport } from './export.js';
import { registerInit } from './init.js';
import { registerLogs } from './logs.js';
import { registerOperatorCommands } from './operator.js';
import { registerPrune } from './prune.js';
import { registerRun } from './run.js';
import { registerStatus } from './status.js';
import { registerValidate } from './validate.js';
import { registerReview } from './review.js';
import { registerCosts } from './costs.js';
import { registerRegistry } from './registry.js';
import { registerHistory } from './history.js';
import { registerSchedule } from './schedule.js';
import { registerNew } from './new.js';
import { registerQuietCommands } from './quiet.js';
import { registerMetrics } from './metrics.js';
import { registerHook } from './hook.js';
import { registerRetire } from './retire.js';

/** Every command word, with the function that registers it (operator.ts registers several). */
const REGISTRARS: ReadonlyArray<readonly [words: readonly string[], register: (program: Command) => void]> = [
  [['init'], registerInit],
  [['validate'], registerValidate],
  [['status'], registerStatus],
  [['logs'], registerLogs],
  [['pause', 'resume', 'disable', 'enable', 'kill', 'stop-all', 'start-all'], registerOperatorCommands],
  [['run'], registerRun],
  [['check'], registerCheck],
  [['daemon'], registerDaemon],
  [['cron'], registerCron],
  [['console'], registerConsole],
  [['review'], registerReview],
  [['costs'], registerCosts],
  [['registry'], registerRegistry],
  [['history'], registerHistory],
  [['schedule'], registerSchedule],
  [['new'], registerNew],
  [['doctor'], registerDoctor],
  [['prune'], registerPrune],
  [['eval'], registerEval],
  [['export'], registerExport],
  [['ack', 'unack', 'silence', 'unsilence'], registerQuietCommands],
  [['metrics'], registerMetrics],
  [['hook'], registerHook],
  [['retire', 'unretire'], registerRetire],
];

/**
 * Registers the commands: only the one `word` names when it names one (a
 * scheduled `nightshift run` need not build the other nineteen), every one
 * otherwise, so `--help`, `help <command>` and a typo's suggestion see them all.
 */
export function registerCommands(program: Command, word: string | null = null): void {
  const named = word === null ? undefined : REGISTRARS.find(([words]) => words.includes(word));
  for (const [, register] of named ? [named] : REGISTRARS) register(program);
}
