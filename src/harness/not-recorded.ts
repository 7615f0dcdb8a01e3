import { relative } from 'node:path';
import { errorMessage, NightshiftError } from '../shared/index.js';
import type { HomePaths } from '../home/index.js';
import { freeSpaceFix } from '../files/index.js';

/**
 * A run's record could not be written to the journal (the disk is full, the
 * journal unwritable). Nothing is lost for good: the run's lock stays, naming
 * the output if one was published, and the next look at the agent (a run,
 * `check`, `status`, the console) records the run once as CRASHED when the
 * journal takes writes again. Exit 3, like any file nightshift cannot write.
 */
export class RunNotRecordedError extends NightshiftError {
  constructor(
    paths: HomePaths,
    run: { runId: string; agent: string; status: string; output: string | null },
    cause: unknown,
  ) {
    const file = cause instanceof NightshiftError && cause.file ? cause.file : paths.runsJournal;
    const kept = [
      ...(run.output ? [`its output ${run.output}`] : []),
      `its lock ${relative(paths.root, paths.lockFile(run.agent))}`,
    ];
    super(
      'RUN_NOT_RECORDED',
      `${errorMessage(cause)}. Run ${run.runId} of ${run.agent} (${run.status}) is not recorded. ` +
        `Kept: ${kept.join(' and ')}; once the journal can be written, the next look at ${run.agent} (nightshift ` +
        'check, status, the console or its next run) records the run once as ' +
        `CRASHED${run.output ? ', naming the output' : ''}`,
      {
        file,
        expected: 'the run record appended',
        actual: errorMessage(cause),
        fix: cause instanceof NightshiftError && cause.fix ? cause.fix : freeSpaceFix(file),
        cause,
      },
      3,
    );
  }
}
