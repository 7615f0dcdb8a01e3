import { sha256Hex } from '../shared/index.js';
import { join } from 'node:path';
import { shellQuote } from '../home/index.js';

/**
 * How to keep `nightshift daemon` running after logout and reboot: a systemd
 * user unit (Linux), a launchd agent (macOS), or an @reboot crontab line.
 * Pure text. Two settings matter beyond the obvious: systemd's
 * KillMode=process and launchd's AbandonProcessGroup, so stopping or
 * restarting the daemon never kills the runs it started (they are detached
 * from it, but a service manager would otherwise sweep its whole group).
 * Secrets are never written here: the unit reads an optional EnvironmentFile.
 */
export interface ServiceInput {
  home: string;
  /** node and bin/nightshift.js */
  nightshiftArgv: readonly string[];
  /** the PATH the daemon's runs need (claude, etc.), captured at install */
  path: string;
  userHome: string;
  defaultHome: boolean;
  /** a link to nightshift's documentation that exists (file:// of the installed README); none is written without one */
  documentation?: string;
}

export interface ServiceFiles {
  systemdUnit: { file: string; name: string; text: string };
  launchdPlist: { file: string; label: string; text: string };
  envFile: string;
  rebootLine: string;
}

function suffix(input: ServiceInput): string {
  return input.defaultHome ? '' : `-${sha256Hex(input.home).slice(0, 8)}`;
}

function systemdQuote(word: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(word)
    ? word.replace(/%/g, '%%')
    : `"${word.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/%/g, '%%')}"`;
}

function xml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/**
 * A long-lived process that mostly sleeps: a small young generation keeps its
 * RSS near 85 MB instead of 110 MB (bench/schedule), for a few more cheap
 * scavenges. A V8 flag must be given at start, so it goes on the command line.
 */
export const DAEMON_NODE_FLAGS = ['--max-semi-space-size=4'];

export function serviceFiles(input: ServiceInput): ServiceFiles {
  const tag = suffix(input);
  const [node, ...rest] = input.nightshiftArgv;
  const argv = [...(node === undefined ? [] : [node, ...DAEMON_NODE_FLAGS]), ...rest, 'daemon', '--home', input.home];
  const name = `nightshift${tag}.service`;
  const envFile = join(input.userHome, '.config', 'nightshift', 'env');
  const unit = `# Written by \`nightshift daemon install\` for ${input.home}
[Unit]
Description=nightshift scheduler for ${input.home}
${input.documentation ? `Documentation=${input.documentation}\n` : ''}After=network-online.target

[Service]
Type=simple
ExecStart=${argv.map(systemdQuote).join(' ')}
Environment=${systemdQuote(`PATH=${input.path}`)}
Environment=${systemdQuote(`NIGHTSHIFT_HOME=${input.home}`)}
# API keys go here (KEY=value lines, chmod 600), never into this unit
EnvironmentFile=-${envFile}
Restart=on-failure
RestartSec=10
# stop the daemon only: the runs it started finish on their own
KillMode=process
# the unit's cgroup is nightshift's to divide: each run's runner gets a cgroup of its own below it (see nightshift doctor)
Delegate=yes
TimeoutStopSec=30

[Install]
WantedBy=default.target
`;
  const label = `com.nightshift.daemon${tag}`;
  const plist = `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
<!-- Written by \`nightshift daemon install\` for ${xml(input.home)} -->${input.documentation && !input.documentation.includes('--') ? `\n<!-- Documentation: ${xml(input.documentation)} -->` : ''}
<plist version="1.0">
<dict>
  <key>Label</key><string>${label}</string>
  <key>ProgramArguments</key>
  <array>
${argv.map((word) => `    <string>${xml(word)}</string>`).join('\n')}
  </array>
  <key>EnvironmentVariables</key>
  <dict>
    <key>PATH</key><string>${xml(input.path)}</string>
    <key>NIGHTSHIFT_HOME</key><string>${xml(input.home)}</string>
  </dict>
  <key>RunAtLoad</key><true/>
  <key>KeepAlive</key><dict><key>SuccessfulExit</key><false/></dict>
  <!-- stopping the daemon must not kill the runs it started -->
  <key>AbandonProcessGroup</key><true/>
  <key>StandardOutPath</key><string>${xml(join(input.home, 'logs', 'daemon.log'))}</string>
  <key>StandardErrorPath</key><string>${xml(join(input.home, 'logs', 'daemon.log'))}</string>
</dict>
</plist>
`;
  return {
    systemdUnit: { file: join(input.userHome, '.config', 'systemd', 'user', name), name, text: unit },
    launchdPlist: { file: join(input.userHome, 'Library', 'LaunchAgents', `${label}.plist`), label, text: plist },
    envFile,
    rebootLine:
      `@reboot ${argv.map(shellQuote).join(' ')} >>${shellQuote(join(input.home, 'logs', 'daemon.log'))} 2>&1`.replace(
        /%/g,
        '\\%',
      ),
  };
}
