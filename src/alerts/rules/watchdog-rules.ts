import {
  budgets,
  costAnomalies,
  nonOkRuns,
  outputDrop,
  reviewsOverdue,
  runCost,
  type Rule,
  schedulerDown,
} from './index.js';
import { missedRuns } from './missed.js';
import { configInvalid } from './config-invalid.js';

/**
 * Every rule `check` evaluates, in a fixed order. A module of its own because
 * of missed runs: their cron room (the matcher and cronstrue) is heavy to
 * load, and the hooks after every run evaluate RUN_RULES only, so the door
 * offers this list through an `await import()`.
 */
export const WATCHDOG_RULES: readonly Rule[] = [
  missedRuns,
  nonOkRuns,
  runCost,
  outputDrop,
  budgets,
  costAnomalies,
  schedulerDown,
  configInvalid,
  reviewsOverdue,
];
