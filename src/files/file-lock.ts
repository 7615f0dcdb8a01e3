import type { LockOptions } from 'proper-lockfile';

/**
 * proper-lockfile's `lock`, loaded on the first call: loading it installs
 * graceful-fs and signal-exit (~5 ms), which a command that takes no lock
 * (`nightshift run` of an agent, `status`) should not pay for.
 */
export async function lockFile(file: string, options: LockOptions): Promise<() => Promise<void>> {
  const { default: lockfile } = await import('proper-lockfile');
  return lockfile.lock(file, options);
}
