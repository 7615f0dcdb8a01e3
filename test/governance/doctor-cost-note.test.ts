import { describe, expect, test } from 'vitest';
import { checkLimits, costReportNote } from '../../src/governance/doctor/checks-definition.js';
import type { HomeFacts } from '../../src/governance/doctor/types.js';
import { definition } from '../support/schedule/facts.js';

/** doctor says, for every command agent, that cost stops it only if it prints its usage line as it goes. */
const HOME = {
  defaultLimits: { time: '10m', calls: 20, cost_usd: 1, output_bytes: '100KB' },
} as unknown as HomeFacts;
const LIMITS = { time: '5m', calls: 10, cost_usd: 0.5, output_bytes: '100KB' };

describe('the command runner cost note', () => {
  test('a command agent: the limits check passes and says how its cost is known, naming its ceiling and budget', () => {
    const agent = definition('cmd', {
      runner: { kind: 'command', command: ['scripts/cmd.sh'] },
      limits: LIMITS,
      budget: { monthly_usd: 5, warn_at: 0.8 },
    });
    const check = checkLimits(agent, HOME);
    expect(check.ok).toBe(true);
    const [first, note] = check.detail.split('\n');
    expect(first).toBe('all four set');
    expect(note).toContain('runner command: its cost is what its {"nightshift":{…}} usage line on stderr says');
    expect(note).toContain("limits.cost_usd ($0.5, or less when the month's $5 budget has less left)");
    expect(note).toContain('cannot be stopped by cost mid-run');
  });

  test('runners that report cost as they go get no note', () => {
    for (const runner of [{ kind: 'extractive' }, { kind: 'claude' }, { kind: 'anthropic', model: 'claude-haiku-4-5' }])
      expect(costReportNote(definition('other', { runner, limits: LIMITS }))).toBeNull();
    expect(checkLimits(definition('other', { runner: { kind: 'extractive' }, limits: LIMITS }), HOME).detail).toBe(
      'all four set',
    );
  });
});
