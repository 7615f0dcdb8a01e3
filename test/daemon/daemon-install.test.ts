import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile, chmod } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { installServiceFiles } from '../../src/daemon/install.js';
import { servicePath } from '../../src/daemon/service-path.js';
import { initHome, openHome, type Home } from '../../src/home/index.js';
import { BIN } from '../support/cli.js';

/**
 * `nightshift daemon install` writes the service of this system only, with
 * restart on failure, the PATH the daemon needs (not the caller's), and a
 * documentation link that exists (issue 15 point 5).
 */
describe('daemon install: one system, its PATH, a link that exists', () => {
  let userHome: string;
  let home: Home;
  let callerBin: string;

  beforeAll(async () => {
    userHome = await mkdtemp(join(tmpdir(), 'ns-install-'));
    await initHome(join(userHome, '.bot-infrastructure'), {
      nightshiftBin: '/opt/ns/bin/nightshift.js',
      timezone: 'UTC',
    });
    home = await openHome(join(userHome, '.bot-infrastructure'));
    // the caller's PATH: a folder with claude and nightshift, and folders the daemon must not inherit
    callerBin = join(userHome, 'tools', 'bin');
    await mkdir(callerBin, { recursive: true });
    for (const name of ['claude', 'nightshift']) {
      await writeFile(join(callerBin, name), '#!/bin/sh\n');
      await chmod(join(callerBin, name), 0o755);
    }
  });
  afterAll(async () => {
    await rm(userHome, { recursive: true, force: true });
  });

  const callerPath = () => ['/home/op/.venv/bin', '.', `${userHome}/tools/bin`, '/opt/junk/bin'].join(':');

  test('Linux: a systemd user unit only, restarting on failure, that systemd-analyze accepts', async () => {
    const installed = await installServiceFiles(home, {
      // real files: systemd-analyze checks that the command exists and is executable
      nightshiftArgv: [process.execPath, BIN],
      userHome,
      callerPath: callerPath(),
      platform: 'linux',
    });
    expect(installed.kind).toBe('systemd');
    expect(installed.file).toBe(join(userHome, '.config', 'systemd', 'user', 'nightshift.service'));
    expect(existsSync(join(userHome, 'Library'))).toBe(false);
    const unit = await readFile(installed.file!, 'utf8');
    expect(unit).toContain('Restart=on-failure');
    const system = ['/usr/local/bin', '/usr/bin', '/bin'].filter((dir) => dir !== dirname(process.execPath));
    expect(unit).toContain(`Environment=PATH=${[dirname(process.execPath), callerBin, ...system].join(':')}\n`);
    expect(unit).not.toContain('.venv');
    expect(unit).not.toContain('/opt/junk');
    const doc = /^Documentation=(\S+)$/m.exec(unit)?.[1];
    expect(doc).toMatch(/^file:\/\/.*\/README\.md$/);
    expect(existsSync(fileURLToPath(doc!))).toBe(true);
    const analyze = spawnSync('systemd-analyze', ['verify', installed.file!], { encoding: 'utf8' });
    if (analyze.error) console.warn('systemd-analyze is not installed: the unit was checked by its text only');
    else expect({ code: analyze.status, said: `${analyze.stdout}${analyze.stderr}` }).toEqual({ code: 0, said: '' });
  });

  test('macOS: a launchd agent only, kept alive after a failure, with the same PATH rule', async () => {
    const other = await mkdtemp(join(tmpdir(), 'ns-install-mac-'));
    try {
      const installed = await installServiceFiles(home, {
        nightshiftArgv: ['/opt/homebrew/bin/node', '/opt/ns/bin/nightshift.js'],
        userHome: other,
        callerPath: callerPath(),
        platform: 'darwin',
      });
      expect(installed.kind).toBe('launchd');
      expect(existsSync(join(other, '.config', 'systemd'))).toBe(false);
      const plist = await readFile(installed.file!, 'utf8');
      expect(installed.file).toMatch(/\/Library\/LaunchAgents\/com\.nightshift\.daemon-[0-9a-f]{8}\.plist$/);
      // KeepAlive with SuccessfulExit false: launchd starts it again when it exits with a failure
      expect(plist).toContain('<key>KeepAlive</key><dict><key>SuccessfulExit</key><false/></dict>');
      expect(plist).toContain(
        `<key>PATH</key><string>/opt/homebrew/bin:${callerBin}:/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin</string>`,
      );
      expect(plist).not.toContain('.venv');
      // well formed enough for launchd: every <key> in the dicts is followed by a value, tags balance
      for (const tag of ['plist', 'dict', 'array'])
        expect(plist.split(`<${tag}`).length, tag).toBe(plist.split(`</${tag}>`).length);
      const doc = /<!-- Documentation: (\S+) -->/.exec(plist)?.[1];
      expect(existsSync(fileURLToPath(doc!))).toBe(true);
    } finally {
      await rm(other, { recursive: true, force: true });
    }
  });

  test('elsewhere nothing is written; the @reboot line is the way', async () => {
    const other = await mkdtemp(join(tmpdir(), 'ns-install-bsd-'));
    try {
      const installed = await installServiceFiles(home, {
        nightshiftArgv: ['/usr/local/bin/node', '/opt/ns/bin/nightshift.js'],
        userHome: other,
        callerPath: '',
        platform: 'freebsd',
      });
      expect(installed).toMatchObject({ kind: 'none', file: null });
      expect(existsSync(join(other, '.config')) || existsSync(join(other, 'Library'))).toBe(false);
    } finally {
      await rm(other, { recursive: true, force: true });
    }
  });

  test('servicePath: needed programs first, each folder once, relative and empty entries ignored', () => {
    const exists = new Set(['/a/claude', '/b/nightshift', '/c/claude']);
    expect(
      servicePath({
        node: '/usr/bin/node',
        platform: 'linux',
        callerPath: ':.:/a:/b:/c',
        isExecutable: (file) => exists.has(file),
      }),
    ).toBe('/usr/bin:/b:/a:/usr/local/bin:/bin');
  });
});
