import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { packageRoot } from '../files/index.js';
import { DEFAULT_HOME_DIRNAME, type Home } from '../home/index.js';
import { type ServiceFiles, serviceFiles } from './service-files.js';
import { servicePath } from './service-path.js';

/** Which service manager this system has: the one whose file `daemon install` writes. */
export type ServiceKind = 'systemd' | 'launchd' | 'none';

export function serviceKindOf(platform: NodeJS.Platform): ServiceKind {
  if (platform === 'linux') return 'systemd';
  if (platform === 'darwin') return 'launchd';
  return 'none';
}

export interface InstalledService {
  kind: ServiceKind;
  /** the file written (none where there is no service manager nightshift knows: the @reboot line is printed instead) */
  file: string | null;
  files: ServiceFiles;
  path: string;
  platform: NodeJS.Platform;
  /** where launchd sends the daemon's output (systemd's goes to the journal) */
  log: string;
}

/**
 * `nightshift daemon install`: writes the service of this system only (a
 * systemd user unit on Linux, a launchd agent on macOS; a file for the other
 * system would be clutter nobody loads), with the PATH the daemon needs and a
 * link to the README of this install.
 */
export async function installServiceFiles(
  home: Home,
  options: {
    nightshiftArgv: readonly string[];
    userHome?: string;
    /** the caller's PATH, only to find node, nightshift and claude in it */
    callerPath?: string;
    platform?: NodeJS.Platform;
  },
): Promise<InstalledService> {
  const userHome = options.userHome ?? homedir();
  const platform = options.platform ?? process.platform;
  const kind = serviceKindOf(platform);
  const path = servicePath({
    node: options.nightshiftArgv[0] ?? process.execPath,
    platform,
    callerPath: options.callerPath ?? process.env.PATH ?? '',
  });
  const files = serviceFiles({
    home: home.root,
    nightshiftArgv: options.nightshiftArgv,
    path,
    userHome,
    defaultHome: home.root === `${userHome}/${DEFAULT_HOME_DIRNAME}`,
    documentation: documentationLink(),
  });
  const chosen = chosenFile(kind, files);
  if (chosen) {
    await mkdir(dirname(chosen.file), { recursive: true });
    await writeFile(chosen.file, chosen.text, { mode: 0o644 });
  }
  return { kind, file: chosen?.file ?? null, files, path, platform, log: join(home.root, 'logs', 'daemon.log') };
}

function chosenFile(kind: ServiceKind, files: ServiceFiles): { file: string; text: string } | null {
  if (kind === 'systemd') return files.systemdUnit;
  if (kind === 'launchd') return files.launchdPlist;
  return null;
}

/** The README of this install, as a file:// link, when it is there (npm packs README.md; a checkout has it). */
function documentationLink(): string | undefined {
  const readme = join(packageRoot(), 'README.md');
  return existsSync(readme) ? pathToFileURL(readme).href : undefined;
}

export function enableInstructions(installed: InstalledService): string {
  const { files } = installed;
  const seeIt = `See it fire: \`nightshift status\` shows "scheduler up" and each agent's next run; \`nightshift logs\` lists the runs.`;
  const pathNote = `PATH for its runs: ${installed.path}
  (node, nightshift and claude where your shell finds them, then the system's; add a PATH=… line to
  ${files.envFile} if an agent's command lives elsewhere)`;
  if (installed.kind === 'systemd')
    return `Wrote ${files.systemdUnit.file}
${pathNote}

Start it now and at every login (systemd):
  systemctl --user daemon-reload
  systemctl --user enable --now ${files.systemdUnit.name}
  loginctl enable-linger "$USER"        # keep it running while you are logged out
  systemctl --user status ${files.systemdUnit.name}
  journalctl --user -u ${files.systemdUnit.name} -f   # its log
API keys: put KEY=value lines in ${files.envFile} (chmod 600).
${seeIt}
If \`systemctl --user\` says "Failed to connect to bus" (no user session, as in a container or over su),
use \`nightshift cron install\` instead, or run \`nightshift daemon\` in a terminal.

Use the service or \`nightshift cron install\`, not both: a second daemon for the same home refuses to start.
`;
  if (installed.kind === 'launchd')
    return `Wrote ${files.launchdPlist.file}
${pathNote}

Start it now and at every login (launchd):
  launchctl bootstrap gui/$(id -u) ${files.launchdPlist.file}
  launchctl kickstart -k gui/$(id -u)/${files.launchdPlist.label}   # restart it
  tail -f ${installed.log}   # its log
${seeIt}
`;
  return `No service manager nightshift knows here (${installed.platform}): nothing was written.
Keep the daemon running with this crontab line (add it with \`crontab -e\`), or use \`nightshift cron install\`:
  ${files.rebootLine}
${seeIt}
`;
}
