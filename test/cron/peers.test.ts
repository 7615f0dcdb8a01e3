import { describe, expect, test } from 'vitest';
import { checkCron, dueAfter } from '../../src/cron/index.js';
import { type DueCase, isDueCase, type PeerCase, type ValidityCase } from './peers/case.js';
import { cronParserCases } from './peers/cron-parser.js';
import { croniterCases } from './peers/croniter.js';
import { cronsimCases } from './peers/cronsim.js';

/**
 * Peers' own test suites, run against the cron room (issue 14, point 3): cronsim, croniter and
 * cron-parser, their concrete cases transcribed under test/cron/peers/. Each due-time case iterates
 * dueAfter from the start, each answer the start of the next question, as the daemon does; each
 * validity case asks checkCron. Where a peer differs from cronie, the case expects cronie's answer and
 * names the difference (`disagrees`); test/cron/peers/README.md counts what agrees today.
 */

const utc = (iso: string) => new Date(iso).toISOString();

function dueTimes({ expression, zone, start, expected }: DueCase): string[] {
  const out: string[] = [];
  let after = Date.parse(start);
  for (let i = 0; i < expected.length; i++) {
    after = dueAfter(expression, zone, after);
    out.push(new Date(after).toISOString());
  }
  return out;
}

function title(c: PeerCase): string {
  const where = isDueCase(c) ? ` in ${c.zone} after ${c.start}` : '';
  const differs = c.disagrees ? ` [cronie's answer: ${c.disagrees}]` : '';
  return `${c.source}: ${c.expression}${where}${differs}`;
}

function suite(name: string, cases: PeerCase[]): void {
  describe(name, () => {
    const due = cases.filter(isDueCase);
    const validity = cases.filter((c): c is ValidityCase => !isDueCase(c));

    test.each(due.map((c) => [title(c), c] as const))('%s', (_, c) => {
      expect(dueTimes(c)).toEqual(c.expected.map(utc));
    });

    test.each(validity.map((c) => [title(c), c] as const))('%s', (_, c) => {
      const check = checkCron(c.expression);
      expect(check.ok, check.ok ? `accepted as ${check.expression}` : check.problem).toBe(c.valid);
    });
  });
}

suite('cuu508/cronsim', cronsimCases);
suite('pallets-eco/croniter', croniterCases);
suite('harrisiirak/cron-parser', cronParserCases);
