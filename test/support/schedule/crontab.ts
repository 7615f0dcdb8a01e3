import { execFileSync, spawnSync } from 'node:child_process';

/**
 * The real crontab(1) of the user running the tests. The suite saves the
 * user's crontab before it starts and puts it back, byte for byte, after.
 * Without crontab installed it installs Debian's `cron` package (root only),
 * the same step .ci/run takes.
 */
export function ensureCrontab(): void {
  if (spawnSync('sh', ['-c', 'command -v crontab'], { stdio: 'ignore' }).status === 0) return;
  if (process.getuid?.() !== 0)
    throw new Error('crontab is not installed and the tests are not root: run `sudo apt-get install -y cron` first');
  execFileSync('sh', ['-c', 'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq cron'], {
    stdio: 'ignore',
    timeout: 280_000,
  });
}

export function readCrontab(): Buffer | null {
  const result = spawnSync('crontab', ['-l']);
  if (result.status === 0) return result.stdout;
  if (/no crontab/i.test(result.stderr.toString())) return null;
  throw new Error(`crontab -l failed: ${result.stderr.toString()}`);
}

export function writeCrontab(content: Buffer | string | null): void {
  if (content === null) {
    spawnSync('crontab', ['-r']);
    return;
  }
  const result = spawnSync('crontab', ['-'], { input: content });
  if (result.status !== 0) throw new Error(`crontab - failed: ${result.stderr.toString()}`);
}
