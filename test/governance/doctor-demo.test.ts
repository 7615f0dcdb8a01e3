import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { runDoctor } from '../../src/governance/index.js';
import { failingChecks, type DoctorReport } from '../../src/governance/doctor/index.js';
import { openHome } from '../../src/home/index.js';

/**
 * On the demo fleet, doctor finds exactly the problems the fixture's
 * manifest says were planted, and nothing else: the names come from the
 * manifest, never from this file.
 */
const fixtures = fileURLToPath(new URL('../../fixtures/', import.meta.url));
const manifest = JSON.parse(readFileSync(join(fixtures, 'demo-home.expect.json'), 'utf8')) as {
  now: string;
  agents: string[];
  doctor: Record<string, string[]>;
  invalid: string[];
  invalid_first_error: Record<string, string>;
};

let root: string;
let report: DoctorReport;
beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'ns-doctor-demo-'));
  cpSync(join(fixtures, 'demo-home'), root, { recursive: true });
  report = await runDoctor(await openHome(root, {}), { now: new Date(manifest.now), crontab: null });
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('doctor on the demo fleet', () => {
  test('reports exactly the manifest problems for every valid agent', () => {
    const found = failingChecks(report);
    const valid = Object.fromEntries(Object.entries(found).filter(([name]) => !manifest.invalid.includes(name)));
    expect(valid).toEqual(manifest.doctor);
  });

  test('an invalid agent fails only "valid", with its validation problem', () => {
    for (const name of manifest.invalid) {
      const verdict = report.agents.find((a) => a.agent === name)!;
      expect(verdict.checks.map((c) => [c.id, c.ok])).toEqual([['valid', false]]);
      expect(verdict.checks[0]!.detail.split('\n')[0]).toBe(manifest.invalid_first_error[name]);
    }
  });

  test('covers every agent of the fleet, and fails overall', () => {
    expect(report.agents.map((a) => a.agent).sort()).toEqual([...manifest.agents].sort());
    expect(report.ok).toBe(false);
  });

  test('every failure carries a fix', () => {
    for (const agent of report.agents)
      for (const check of agent.checks.filter((c) => !c.ok))
        expect(check.fix, `${agent.agent} ${check.id}`).toBeTruthy();
  });
});
