import type { Command } from 'commander';
import { registerInit } from './init.js';
import { registerLogs } from './logs.js';
import { registerOperatorCommands } from './operator.js';
import { registerRun } from './run.js';
import { registerStatus } from './status.js';
import { registerValidate } from './validate.js';

export function registerCommands(program: Command): void {
  registerInit(program);
  registerValidate(program);
  registerStatus(program);
  registerLogs(program);
  registerOperatorCommands(program);
  registerRun(program);
}
