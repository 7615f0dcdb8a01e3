import { NightshiftError } from '../shared/index.js';
import type { ErrorDetails } from '../shared/index.js';

/** state.json stayed locked by another process for longer than we wait, or our lock was taken from us. Exit 4: try again. */
export class StateLockError extends NightshiftError {
  constructor(message: string, details: ErrorDetails = {}) {
    super('STATE_LOCKED', message, details, 4);
  }
}

/**
 * state.json was written but its change record could not be appended (and
 * state.json was put back, if it could be). Exit 3: a file that must be written
 * cannot be.
 */
export class ChangeNotRecordedError extends NightshiftError {
  constructor(message: string, details: ErrorDetails = {}) {
    super('CHANGE_NOT_RECORDED', message, details, 3);
  }
}
