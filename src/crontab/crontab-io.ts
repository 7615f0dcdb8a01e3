import { spawn } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { lockFile } from '../files/index.js';
import { NightshiftError } from '../shared/index.js';

/**
 * The user's crontab through the real crontab(1): `crontab -l` to read,
 * `crontab -` to replace, `crontab -r` when nothing is left. Bytes in, bytes
 * out, so the merge never re-encodes anyone else's lines.
 */
export interface CrontabPort {
  /** null: the user has no crontab */
  read(): Promise<Buffer | null>;
  write(content: Buffer): Promise<void>;
  remove(): Promise<void>;
  /** the cron daemon honours CRON_TZ lines (cronie) */
  supportsCronTz(): Promise<boolean>;
  /** held around read-modify-write, so two nightshift processes never lose each other's edit */
  withLock<T>(work: () => Promise<T>): Promise<T>;
}

export class CrontabError extends NightshiftError {
  constructor(message: string, details: { expected?: string; actual?: string; fix?: string; cause?: unknown } = {}) {
    super('CRONTAB', message, details, 1);
  }
}

interface Outcome {
  code: number | null;
  stdout: Buffer;
  stderr: string;
  missing: boolean;
}

function runCrontab(bin: string, args: string[], input?: Buffer): Promise<Outcome> {
  return new Promise((resolve) => {
    const child = spawn(bin, args, { stdio: [input ? 'pipe' : 'ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    let stderr = '';
    child.stdout?.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (chunk: string) => (stderr += chunk));
    child.once('error', (error: NodeJS.ErrnoException) =>
      resolve({ code: null, stdout: Buffer.alloc(0), stderr: error.message, missing: error.code === 'ENOENT' }),
    );
    child.once('close', (code) => resolve({ code, stdout: Buffer.concat(out), stderr, missing: false }));
    if (input && child.stdin) {
      child.stdin.on('error', () => undefined);
      child.stdin.end(input);
    }
  });
}

function missing(bin: string): CrontabError {
  return new CrontabError(`${bin} is not installed, so there is no crontab to manage`, {
    expected: 'the crontab program (Debian/Ubuntu: apt-get install cron; Fedora: dnf install cronie)',
    actual: 'not found on PATH',
    fix: 'install cron, or schedule with `nightshift daemon` instead',
  });
}

const LOCK_RETRIES = { retries: 100, factor: 1.5, minTimeout: 10, maxTimeout: 200, randomize: true };

export function realCrontab(bin = process.env.NIGHTSHIFT_CRONTAB ?? 'crontab'): CrontabPort {
  let cronTz: boolean | undefined;
  return {
    async read() {
      const result = await runCrontab(bin, ['-l']);
      if (result.missing) throw missing(bin);
      if (result.code === 0) return result.stdout;
      if (/no crontab/i.test(result.stderr)) return null;
      throw new CrontabError(`\`${bin} -l\` failed: ${result.stderr.trim() || `exit ${result.code}`}`, {
        expected: 'exit 0, or "no crontab for <user>"',
        actual: result.stderr.trim(),
      });
    },
    async write(content) {
      const result = await runCrontab(bin, ['-'], content);
      if (result.missing) throw missing(bin);
      if (result.code !== 0) {
        throw new CrontabError(
          `\`${bin} -\` refused the new crontab: ${result.stderr.trim() || `exit ${result.code}`}`,
          {
            expected: 'a crontab it accepts',
            actual: result.stderr.trim(),
            fix: 'nothing was changed; run `nightshift cron show` to see the block it would install',
          },
        );
      }
    },
    async remove() {
      const result = await runCrontab(bin, ['-r']);
      if (result.missing) throw missing(bin);
      if (result.code !== 0 && !/no crontab/i.test(result.stderr))
        throw new CrontabError(`\`${bin} -r\` failed: ${result.stderr.trim()}`);
    },
    async supportsCronTz() {
      if (cronTz === undefined) {
        // cronie answers -V with its name; Debian's and the BSDs' crontab reject the flag
        const result = await runCrontab(bin, ['-V']);
        cronTz = result.code === 0 && /cronie/i.test(`${result.stdout.toString('utf8')}${result.stderr}`);
      }
      return cronTz;
    },
    async withLock(work) {
      // the crontab is the user's, shared by every home: one lock per user, not per home
      const dir = join(tmpdir(), `nightshift-${userInfo().uid}`);
      await mkdir(dir, { recursive: true, mode: 0o700 });
      const release = await lockFile(join(dir, 'crontab'), {
        lockfilePath: join(dir, 'crontab.lock'),
        realpath: false,
        stale: 10_000,
        update: 2_000,
        retries: LOCK_RETRIES,
      });
      try {
        return await work();
      } finally {
        await release().catch(() => undefined);
      }
    },
  };
}
