import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, statfsSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A small tmpfs to fill up: disk-full faults as the kernel makes them (a short
 * write where a record straddles the last free page, ENOSPC where none is
 * left), not as a mock imagines them. Needs root (or CAP_SYS_ADMIN); where
 * mounting is not permitted the tests that need it are skipped, and say so.
 */
function probeMount(): string | null {
  const dir = mkdtempSync(join(tmpdir(), 'ns-tmpfs-probe-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', dir], { stdio: 'pipe' });
    execFileSync('umount', [dir], { stdio: 'pipe' });
    return null;
  } catch (error) {
    const stderr = (error as { stderr?: Buffer }).stderr?.toString().trim();
    return stderr || (error as Error).message;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const whyNot = probeMount();

/** True when this process may mount a tmpfs; otherwise warns, once per test file, naming the reason. */
export function tmpfsAvailable(what: string): boolean {
  if (whyNot === null) return true;
  console.warn(`SKIPPED ${what}: cannot mount a tmpfs here (${whyNot}); run the tests as root to include them`);
  return false;
}

export const PAGE = 4096;

/** Mounts a tmpfs of `kb` KiB at `dir` (created if needed). */
export function mountTmpfs(dir: string, kb: number): void {
  mkdirSync(dir, { recursive: true });
  execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${kb}k,mode=0700`, 'tmpfs', dir], { stdio: 'pipe' });
}

/** Unmounts, lazily if something still has a file open there. */
export function unmount(dir: string): void {
  try {
    execFileSync('umount', [dir], { stdio: 'pipe' });
  } catch {
    execFileSync('umount', ['-l', dir], { stdio: 'pipe' });
  }
}

/** Fills the file system that holds `dir` with `file`, leaving `pagesLeft` pages free. */
export function fillUp(dir: string, file: string, pagesLeft = 0): void {
  const fs = statfsSync(dir);
  const free = Math.min(fs.bavail, fs.bfree) - pagesLeft;
  if (free > 0) writeFileSync(file, Buffer.alloc(free * fs.bsize));
  const left = statfsSync(dir);
  if (Math.min(left.bavail, left.bfree) !== pagesLeft)
    throw new Error(`fillUp: ${Math.min(left.bavail, left.bfree)} pages free, wanted ${pagesLeft}`);
}
