import { execFile } from 'node:child_process';

/**
 * The user's crontab as text, for the "scheduled twice" check: `crontab -l`
 * (or $NIGHTSHIFT_CRONTAB, as `nightshift cron` uses). A machine without
 * the program, or a user without a crontab, has no crontab block: null.
 */
export interface CrontabReading {
  text: string | null;
  /** why it could not be read, when the program exists but failed */
  problem?: string;
}

export function readCrontab(env: NodeJS.ProcessEnv = process.env): Promise<CrontabReading> {
  const bin = env.NIGHTSHIFT_CRONTAB ?? 'crontab';
  return new Promise((resolve) => {
    execFile(bin, ['-l'], { timeout: 5000, encoding: 'utf8', env }, (error, stdout, stderr) => {
      if (!error) return resolve({ text: stdout });
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return resolve({ text: null });
      if (/no crontab/i.test(stderr)) return resolve({ text: null });
      resolve({ text: null, problem: `\`${bin} -l\` failed: ${stderr.trim() || error.message}` });
    });
  });
}
