import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, expect, test } from 'vitest';
import { runDoctor } from '../../src/governance/index.js';
import { failingChecks } from '../../src/governance/doctor/index.js';
import { makeScheduleHome, type ScheduleHome } from '../support/schedule/home.js';

/** One agent that cannot be examined (a runbook that is a folder) fails one check, saying why; doctor examines the others. */
let home: ScheduleHome;
afterEach(() => home.remove());

test('doctor: an agent whose files cannot be read fails "examined" with the message; the others get the whole checklist', async () => {
  home = await makeScheduleHome('timezone: UTC\n');
  await home.writeAgent('alpha', { owner: 'ops', review: 'none' });
  await home.writeAgent('bravo', { owner: 'ops', review: 'none' });
  await mkdir(join(home.root, 'runbooks', 'alpha.md'), { recursive: true });
  const report = await runDoctor(await home.open(), { now: new Date('2026-05-10T12:00:00Z'), crontab: null });
  const failing = failingChecks(report);
  expect(failing.alpha).toEqual(['examined']);
  expect(report.agents.find((a) => a.agent === 'alpha')!.checks[0]!.detail).toMatch(
    /^alpha: could not work out its runbook, eval cases and run history: EISDIR/,
  );
  const bravo = report.agents.find((a) => a.agent === 'bravo')!;
  expect(bravo.checks.length).toBeGreaterThan(10);
  expect(failing.bravo).toContain('runbook');
  expect(failing.bravo).not.toContain('examined');
});
