import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli } from '../support/cli.js';
import { makeScheduleHome, type ScheduleHome } from '../support/schedule/home.js';

/**
 * A typo saved into nightshift.yaml makes every run refuse (exit 3, no record). `check` (cron's watchdog, the
 * Kubernetes pod's) goes on with the file's last valid settings and raises config_invalid, so the alert goes out
 * where alerts went; the first check after the fix resolves it.
 */
let home: ScheduleHome;
const alerts = () =>
  readFileSync(join(home.root, 'logs', 'alerts.jsonl'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as { event: string; rule: string; severity: string; message: string });

beforeAll(async () => {
  home = await makeScheduleHome('timezone: UTC\n');
});
afterAll(async () => home.remove());

describe('check with a broken nightshift.yaml', () => {
  it('opens config_invalid (exit 1, the fields named), and resolves it once the file is fixed', async () => {
    const config = join(home.root, 'nightshift.yaml');
    const valid = readFileSync(config, 'utf8');
    // a first look while it is valid: the parse cache keeps these settings
    expect((await cli(['status', '--home', home.root])).code).toBe(0);
    writeFileSync(config, `${valid}timezon: UTC\n`);
    const run = await cli(['run', 'nothing-here', '--home', home.root]);
    expect([2, 3]).toContain(run.code);

    const broken = await cli(['check', '--home', home.root]);
    expect(broken.code).toBe(1);
    expect(broken.stderr).toMatch(/warning: .*nightshift\.yaml: is not valid/);
    expect(broken.stdout).toMatch(/critical nightshift\.yaml is not valid: every run refuses to start/);
    expect(alerts().filter((a) => a.rule === 'config_invalid')).toMatchObject([
      { event: 'open', severity: 'critical', message: expect.stringContaining('timezon') },
    ]);

    writeFileSync(config, valid);
    const fixed = await cli(['check', '--home', home.root]);
    expect(fixed.stderr).not.toContain('warning');
    expect(
      alerts()
        .filter((a) => a.rule === 'config_invalid')
        .map((a) => a.event),
    ).toEqual(['open', 'resolve']);
  });
});
