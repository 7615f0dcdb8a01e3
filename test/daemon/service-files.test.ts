import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { diffDefinitions } from '../../src/daemon/definitions.js';
import { serviceFiles } from '../../src/daemon/service-files.js';

describe('daemon install', () => {
  const files = serviceFiles({
    home: '/home/op/my ns',
    nightshiftArgv: ['/usr/bin/node', '/opt/ns/bin/nightshift.js'],
    path: '/usr/local/bin:/usr/bin',
    userHome: '/home/op',
    defaultHome: false,
  });

  test('a systemd user unit that stops only the daemon (runs in flight continue) and keeps secrets out', () => {
    expect(files.systemdUnit.file).toMatch(/^\/home\/op\/\.config\/systemd\/user\/nightshift-[0-9a-f]{8}\.service$/);
    expect(files.systemdUnit.text).toContain(
      'ExecStart=/usr/bin/node --max-semi-space-size=4 /opt/ns/bin/nightshift.js daemon --home "/home/op/my ns"',
    );
    expect(files.systemdUnit.text).toContain('KillMode=process');
    // runs' own cgroups are made below the daemon's: systemd must leave that subtree to it
    expect(files.systemdUnit.text).toContain('Delegate=yes');
    expect(files.systemdUnit.text).toContain('EnvironmentFile=-/home/op/.config/nightshift/env');
    expect(files.systemdUnit.text).toContain('Restart=on-failure');
    expect(files.systemdUnit.text).toContain('WantedBy=default.target');
  });

  test('a launchd agent that abandons its process group on stop; an @reboot line', () => {
    expect(files.launchdPlist.file).toMatch(
      /^\/home\/op\/Library\/LaunchAgents\/com\.nightshift\.daemon-[0-9a-f]{8}\.plist$/,
    );
    expect(files.launchdPlist.text).toContain('<string>/home/op/my ns</string>');
    expect(files.launchdPlist.text).toContain('<key>AbandonProcessGroup</key><true/>');
    expect(files.rebootLine).toBe(
      "@reboot '/usr/bin/node' '--max-semi-space-size=4' '/opt/ns/bin/nightshift.js' 'daemon' '--home' " +
        "'/home/op/my ns' >>'/home/op/my ns/logs/daemon.log' 2>&1",
    );
  });

  test("the command writes this system's service under $HOME, and only it, and prints how to start it", async () => {
    const userHome = await mkdtemp(join(tmpdir(), 'ns-user-'));
    const nsHome = join(userHome, '.bot-infrastructure');
    const bin = join(process.cwd(), 'bin', 'nightshift.js');
    expect(spawnSync(process.execPath, [bin, 'init', '--home', nsHome]).status).toBe(0);
    const result = spawnSync(process.execPath, [bin, 'daemon', 'install', '--home', nsHome], {
      encoding: 'utf8',
      env: { ...process.env, HOME: userHome },
    });
    expect(result.status).toBe(0);
    const unit = join(userHome, '.config', 'systemd', 'user', 'nightshift.service');
    const plist = join(userHome, 'Library', 'LaunchAgents', 'com.nightshift.daemon.plist');
    // a file for the other system would be clutter nobody loads (issue 15 point 5)
    if (process.platform === 'linux') {
      expect([existsSync(unit), existsSync(plist)]).toEqual([true, false]);
      expect(readFileSync(unit, 'utf8')).toContain(`daemon --home ${nsHome}`);
      expect(result.stdout).toContain('systemctl --user enable --now nightshift.service');
      expect(result.stdout).not.toContain('launchctl');
    } else if (process.platform === 'darwin') {
      expect([existsSync(unit), existsSync(plist)]).toEqual([false, true]);
      expect(result.stdout).toContain(`launchctl bootstrap gui/$(id -u) ${plist}`);
      expect(result.stdout).not.toContain('systemctl');
    } else expect(result.stdout).toContain('@reboot ');
    await rm(userHome, { recursive: true, force: true });
  });
});

describe('definition changes', () => {
  const parts = (cron: string, time = 300_000, budget: unknown = null) => ({
    trigger: { kind: 'cron', cron },
    limits: { time },
    budget,
  });
  test('only the parts that changed, per agent; appearing and going are whole', () => {
    expect(
      diffDefinitions(
        { a: parts('0 1 * * *'), b: parts('0 2 * * *') },
        { a: parts('0 1 * * *'), b: parts('0 3 * * *', 60_000) },
      ),
    ).toEqual([
      {
        agent: 'b',
        before: { trigger: { kind: 'cron', cron: '0 2 * * *' }, limits: { time: 300_000 } },
        after: { trigger: { kind: 'cron', cron: '0 3 * * *' }, limits: { time: 60_000 } },
      },
    ]);
    expect(diffDefinitions({ a: parts('x') }, { c: parts('y') })).toEqual([
      { agent: 'a', before: parts('x'), after: null },
      { agent: 'c', before: null, after: parts('y') },
    ]);
    expect(diffDefinitions({ a: parts('x', 1, { monthly_usd: 1 }) }, { a: parts('x', 1, { monthly_usd: 1 }) })).toEqual(
      [],
    );
  });
});
