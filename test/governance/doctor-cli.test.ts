import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { makeDemoHome } from '../../fixtures/generator/make-home.js';
import { probeContainment } from '../../src/runners/index.js';
import { cli, FIXTURES } from './eval-support.js';

/** `nightshift doctor` as built, on a copy of the demo home moved to today (fresh heartbeat, recent reviews). */
const manifest = JSON.parse(readFileSync(join(FIXTURES, 'demo-home.expect.json'), 'utf8')) as {
  doctor: Record<string, string[]>;
  invalid: string[];
};
let dir: string;
let root: string;
let fakeCrontab: string;
const NO_CRONTAB = { NIGHTSHIFT_CRONTAB: '/nonexistent/crontab' };

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ns-doctor-cli-'));
  root = join(dir, 'home');
  await makeDemoHome(root);
  fakeCrontab = join(dir, 'crontab');
  const block = [
    `# BEGIN nightshift ${root}`,
    `0 22 * * * /usr/bin/node /x/bin/nightshift.js run nightly-summarizer --trigger cron --home ${root} >/dev/null`,
    `# END nightshift ${root}`,
  ].join('\n');
  writeFileSync(fakeCrontab, `#!/bin/sh\ncat <<'EOF'\n${block}\nEOF\n`);
  chmodSync(fakeCrontab, 0o755);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Json {
  ok: boolean;
  agents: Array<{ agent: string; failing: string[]; checks: Array<{ id: string; fix?: string }> }>;
}

describe('nightshift doctor (CLI)', () => {
  test('--json: exactly the manifest problems, exit 1', async () => {
    const ran = await cli(['doctor', '--json', '--home', root], NO_CRONTAB);
    expect(ran.code).toBe(1);
    const report = JSON.parse(ran.stdout) as Json;
    const valid = Object.fromEntries(
      report.agents.filter((a) => !manifest.invalid.includes(a.agent)).map((a) => [a.agent, a.failing]),
    );
    expect(valid).toEqual(manifest.doctor);
    for (const name of manifest.invalid)
      expect(report.agents.find((a) => a.agent === name)?.failing).toEqual(['valid']);
  });

  test('an agent scheduled by the crontab while the daemon beats fails one_scheduler', async () => {
    const ran = await cli(['doctor', 'nightly-summarizer', '--json', '--home', root], {
      NIGHTSHIFT_CRONTAB: fakeCrontab,
    });
    expect(ran.code).toBe(1);
    const agent = (JSON.parse(ran.stdout) as Json).agents[0]!;
    expect(agent.failing).toEqual(['one_scheduler']);
    expect(agent.checks.find((c) => c.id === 'one_scheduler')?.fix).toContain(
      `nightshift --home ${root} cron uninstall`,
    );
  });

  test('one ready agent: pass lines and exit 0; text names each check', async () => {
    const ran = await cli(['doctor', 'nightly-summarizer', '--home', root], NO_CRONTAB);
    expect(ran.code).toBe(0);
    expect(ran.stdout).toMatch(/^nightly-summarizer: ready\n/);
    expect(ran.stdout.match(/^ {2}pass {2}/gm)).toHaveLength(13);
  });

  test('a failing check prints its fix under it', async () => {
    const ran = await cli(['doctor', 'queue-depth-responder', '--home', root], NO_CRONTAB);
    expect(ran.code).toBe(1);
    expect(ran.stdout).toContain(
      `  FAIL  runbook         a runbook with a working kill command: no runbooks/queue-depth-responder.md`,
    );
    expect(ran.stdout).toContain(`          cat > ${root}/runbooks/queue-depth-responder.md <<'EOF'`);
  });

  test('it says which containment runs started from here get: a cgroup where this machine gives one, else the sweep and why', async () => {
    const here = await probeContainment(process.env);
    const ran = await cli(['doctor', 'nightly-summarizer', '--json', '--home', root], NO_CRONTAB);
    const report = JSON.parse(ran.stdout) as { containment: { mode: string; detail: string } };
    expect(report.containment.mode).toBe(here.containment);
    if (here.containment === 'cgroup')
      expect(report.containment.detail).toContain(`cgroup of its own under ${here.cgroupParent}`);
    const text = await cli(['doctor', 'nightly-summarizer', '--home', root], NO_CRONTAB);
    expect(text.stdout).toContain(`\ncontainment: ${here.containment} (`);

    const sweep = await cli(['doctor', 'nightly-summarizer', '--home', root], {
      ...NO_CRONTAB,
      NIGHTSHIFT_CONTAINMENT: 'sweep',
    });
    expect(sweep.stdout).toMatch(
      /\ncontainment: sweep \(no cgroup: NIGHTSHIFT_CONTAINMENT=sweep asks for no cgroup\. .*can survive\)/,
    );
    const typo = JSON.parse(
      (
        await cli(['doctor', 'nightly-summarizer', '--json', '--home', root], {
          ...NO_CRONTAB,
          NIGHTSHIFT_CONTAINMENT: 'cgroups',
        })
      ).stdout,
    ) as typeof report;
    expect(typo.containment).toEqual({
      mode: here.containment,
      detail: expect.stringContaining('NIGHTSHIFT_CONTAINMENT=cgroups is not one of auto, sweep: auto is used'),
    });
  });

  test('an unknown agent: exit 2, with the agents there are', async () => {
    const ran = await cli(['doctor', 'nightly-sumarizer', '--home', root], NO_CRONTAB);
    expect(ran.code).toBe(2);
    expect(ran.stderr).toMatch(/unknown agent "nightly-sumarizer" \(did you mean "nightly-summarizer"\?\)/);
  });
});
