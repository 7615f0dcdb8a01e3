import { accessSync, constants } from 'node:fs';
import { delimiter, dirname, isAbsolute, join } from 'node:path';

/**
 * The PATH a service-managed daemon gets: the folders of the programs it
 * needs, then the system's own, rather than a copy of the PATH of whoever ran
 * `daemon install` (a shell's PATH carries virtualenvs, version managers'
 * shims and folders that are gone next week, and would be frozen into a file
 * nobody reads again). What it needs: node (bin/nightshift.js is a node
 * script, started by its absolute path), `nightshift` itself (disable-agent.sh
 * and crontab lines call it), and `claude`, the default runner, each where
 * the caller's PATH finds it today. Anything else an agent's command needs
 * goes into the env file as a PATH= line (the install says so).
 */
export const SYSTEM_PATH: Readonly<Record<string, readonly string[]>> = {
  linux: ['/usr/local/bin', '/usr/bin', '/bin'],
  darwin: ['/usr/local/bin', '/opt/homebrew/bin', '/usr/bin', '/bin', '/usr/sbin', '/sbin'],
};

/** The programs the daemon's runs call by name, looked up on the caller's PATH. */
export const NEEDED_PROGRAMS = ['nightshift', 'claude'] as const;

export function servicePath(input: {
  node: string;
  platform: NodeJS.Platform;
  /** the caller's PATH: only used to find where the needed programs live */
  callerPath: string;
  /** injectable for tests: is this file an executable? */
  isExecutable?: (file: string) => boolean;
}): string {
  const executable = input.isExecutable ?? isExecutableFile;
  const found = NEEDED_PROGRAMS.map((name) => which(name, input.callerPath, executable)).filter(
    (file): file is string => file !== null,
  );
  const dirs = [
    dirname(input.node),
    ...found.map((file) => dirname(file)),
    ...(SYSTEM_PATH[input.platform] ?? SYSTEM_PATH.linux!),
  ];
  return [...new Set(dirs)].join(':');
}

function which(name: string, path: string, executable: (file: string) => boolean): string | null {
  for (const dir of path.split(delimiter)) {
    // a relative entry (".", "bin") means something else to a service started in another folder
    if (dir === '' || !isAbsolute(dir)) continue;
    const file = join(dir, name);
    if (executable(file)) return file;
  }
  return null;
}

function isExecutableFile(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
