import { mkdir, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname } from 'node:path';
import { DEFAULT_HOME_DIRNAME, type Home } from '../home/index.js';
import { type ServiceFiles, serviceFiles } from './service-files.js';

/** `nightshift daemon install`: writes both service files (the wrong platform's is harmless) and says how to enable them. */
export async function installServiceFiles(
  home: Home,
  options: { nightshiftArgv: readonly string[]; userHome?: string; path?: string },
): Promise<ServiceFiles> {
  const userHome = options.userHome ?? homedir();
  const files = serviceFiles({
    home: home.root,
    nightshiftArgv: options.nightshiftArgv,
    path: options.path ?? process.env.PATH ?? '/usr/local/bin:/usr/bin:/bin',
    userHome,
    defaultHome: home.root === `${userHome}/${DEFAULT_HOME_DIRNAME}`,
  });
  for (const { file, text } of [files.systemdUnit, files.launchdPlist]) {
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, text, { mode: 0o644 });
  }
  return files;
}

export function enableInstructions(files: ServiceFiles): string {
  return `Wrote:
  ${files.systemdUnit.file}
  ${files.launchdPlist.file}

Linux (systemd):
  systemctl --user daemon-reload
  systemctl --user enable --now ${files.systemdUnit.name}
  loginctl enable-linger "$USER"        # keep it running while you are logged out
  journalctl --user -u ${files.systemdUnit.name} -f   # its log
  API keys: put KEY=value lines in ${files.envFile} (chmod 600)

macOS (launchd):
  launchctl bootstrap gui/$(id -u) ${files.launchdPlist.file}
  launchctl kickstart -k gui/$(id -u)/${files.launchdPlist.label}   # restart it

Anywhere with cron, but no service manager (add with \`crontab -e\`):
  ${files.rebootLine}

Use one of them, not two: a second daemon for the same home refuses to start.
`;
}
