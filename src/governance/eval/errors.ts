import { NightshiftError, type ErrorDetails } from '../../shared/index.js';

/** An agent's evals cannot run as they stand (no cases, broken case files, the global stop). Exit 1. */
export class EvalSetupError extends NightshiftError {
  constructor(message: string, details: ErrorDetails = {}) {
    super('EVAL_SETUP', message, details, 1);
  }
}
