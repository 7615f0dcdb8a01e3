import { describe, expect, it } from 'vitest';
import { footerBindings } from '../../src/console/keymap.js';
import { bodyHeight, FOOTER_LINES, headerLines, overlayLines } from '../../src/console/layout.js';
import { reduce } from '../../src/console/state.js';
import {
  alertRows,
  costDetail,
  costLayout,
  costLine,
  costRows,
  fleetColumns,
  fleetRow,
  fleetRows,
  footerLine,
  headerModel,
  helpLines,
  matchesFilter,
  plainText,
  fitLine,
  highlight,
} from '../../src/console/selectors.js';
import { sparkline, wrapText, clean, fit } from '../../src/console/format.js';
import { costReport } from '../../src/governance/index.js';
import type { DaySummary } from '../../src/journal/index.js';
import type { ColumnId } from '../../src/console/selectors/columns.js';
import { follow, moveIndex, scrollBy, windowOf } from '../../src/console/state/list.js';
import { agent, alert, apply, loaded, NOW, press, run, sampleFleet, snapshot } from './support.js';
import { costTotalsOf } from '../support/cost-input.js';

const texts = {
  names: ['queue-depth-responder', 'inbox-digest'],
  owners: ['aycee'],
  triggers: ['every day at 07:00 Europe/Berlin', 'when samples/app-errors/*.log changes'],
  statuses: ['UNEXPECTED_INPUT', 'OK'],
};

describe('fleet columns', () => {
  it('at 80 columns keeps state, name, owner, next, last, the month against its budget and alerts, and fits', () => {
    // issue 15: the owner stays on the smallest terminal; when it last ran, its trigger, and the last run's cost and
    // duration go first (the agent view, one key away, has them all)
    const columns = fleetColumns(79, texts);
    expect(columns.map((c) => c.id)).toEqual(['state', 'name', 'owner', 'next', 'last', 'month', 'alerts']);
    expect(2 + columns.reduce((sum, c) => sum + c.width, 0) + columns.length - 1).toBeLessThanOrEqual(79);
    expect(columns.find((c) => c.id === 'name')?.width).toBe(21); // names are never cut at 80
    // the month without its bar: "$9.06/$40" under BUDGET; the alerts column says what it counts
    expect(columns.find((c) => c.id === 'month')).toMatchObject({ title: 'BUDGET', rich: false });
    expect(columns.find((c) => c.id === 'alerts')?.title).toBe('ALERTS');
  });

  it('what each width keeps: owner and budget always, the rest as room allows', () => {
    const withMonths = { ...texts, months: ['$9.06/$40', '$0.60'] };
    const ids = (width: number) => fleetColumns(width - 1, withMonths).map((c) => c.id);
    expect(ids(80)).toEqual(['state', 'name', 'owner', 'next', 'last', 'month', 'alerts']);
    expect(ids(100)).toEqual(['state', 'name', 'owner', 'trigger', 'next', 'last', 'when', 'month', 'alerts']);
    expect(ids(120)).toEqual(ids(200)); // from 120 columns, every column
    expect(ids(200)).toEqual([
      'state',
      'name',
      'owner',
      'trigger',
      'next',
      'last',
      'when',
      'duration',
      'cost',
      'month',
      'alerts',
    ]);
    // the bar comes back once there is room for it: MONTH/BUDGET over "█░░░░ $9.06/$40"
    expect(fleetColumns(99, withMonths).find((c) => c.id === 'month')).toMatchObject({ rich: false, title: 'BUDGET' });
    expect(fleetColumns(119, withMonths).find((c) => c.id === 'month')).toMatchObject({
      rich: true,
      title: 'MONTH/BUDGET',
      width: 15,
    });
    for (const width of [80, 100, 120, 200]) {
      const columns = fleetColumns(width - 1, withMonths);
      expect(2 + columns.reduce((sum, c) => sum + c.width, 0) + columns.length - 1, String(width)).toBeLessThanOrEqual(
        width - 1,
      );
      expect(columns.find((c) => c.id === 'alerts')?.title, String(width)).toBe('ALERTS');
    }
  });

  it('widens into the trigger, cost, duration and owner as the terminal grows', () => {
    expect(fleetColumns(99, texts).map((c) => c.id)).toContain('trigger');
    const wide = fleetColumns(200, texts);
    expect(wide.map((c) => c.id)).toEqual([
      'state',
      'name',
      'owner',
      'trigger',
      'next',
      'last',
      'when',
      'duration',
      'cost',
      'month',
      'alerts',
    ]);
    expect(wide.find((c) => c.id === 'trigger')?.width).toBe(37);
    for (const width of [60, 80, 100, 120, 160]) {
      const columns = fleetColumns(width, texts);
      expect(2 + columns.reduce((sum, c) => sum + c.width, 0) + columns.length - 1, String(width)).toBeLessThanOrEqual(
        Math.max(width, 66),
      );
    }
  });
});

describe('fleet rows', () => {
  const at = (name: string) => fleetRows(loaded()).find((row) => row.name === name)!;
  const cell = (name: string, id: ColumnId) => plainText(at(name).cells[id]);

  it('shows state, running with its elapsed time, INVALID, last status by severity, month bar and alerts', () => {
    expect(cell('alpha', 'state')).toBe('enabled');
    expect(cell('echo', 'state')).toBe('▶ 1m05s');
    expect(cell('delta', 'state')).toBe('INVALID');
    expect(cell('charlie', 'state')).toBe('paused');
    expect(at('bravo').cells.last[0]).toMatchObject({ text: 'TIMEOUT', color: 'red' });
    expect(at('alpha').cells.last[0]).toMatchObject({ text: 'OK', color: 'green' });
    expect(cell('bravo', 'month')).toBe('█████ $4.50/$5'); // issue 15: the spend against the month's budget
    expect(at('bravo').cells.month[0]?.color).toBe('yellow');
    expect(plainText(at('bravo').narrow.month!)).toBe('$4.50/$5'); // the narrow form, without the bar
    expect(at('bravo').narrow.month![0]?.color).toBe('yellow');
    expect(cell('foxtrot', 'month')).toBe('      $0'); // no budget: the spend alone
    expect(at('bravo').cells.alerts[0]).toMatchObject({ text: '!1', color: 'red' });
    expect(cell('alpha', 'next')).toBe('in 5h');
    expect(cell('charlie', 'next')).toBe('—');
    expect(cell('alpha', 'when')).toBe('1h ago');
    expect(cell('alpha', 'duration')).toBe('42s');
    expect(cell('alpha', 'cost')).toBe('$0.012');
  });

  it('says on event for watch/when agents and manual for manual ones', () => {
    const rows = fleetRows(
      loaded([
        agent('w', { triggerKind: 'watch', nextDue: null }),
        agent('m', { triggerKind: 'manual', nextDue: null }),
      ]),
    );
    expect(rows.map((row) => plainText(row.cells.next))).toEqual(['manual', 'on event']);
  });

  it('a row’s signature changes only when something it shows changes', () => {
    const before = fleetRows(loaded());
    const after = fleetRows(reduce(loaded(), { type: 'tick', now: NOW + 1000 }));
    const changed = before.filter((row, i) => row.sig !== after[i]?.sig).map((row) => row.name);
    expect(changed).toEqual(['echo']); // only the running agent's elapsed time moved
    const moved = fleetRows(press(loaded(), 'j'));
    expect(before.filter((row, i) => row.sig !== moved[i]?.sig).map((row) => row.name)).toEqual(['alpha', 'bravo']);
  });

  it('highlights what the filter matched', () => {
    const state = press(loaded(), '/', 'r', 'a');
    const name = fleetRows(state).find((row) => row.name === 'bravo')!.cells.name;
    expect(name.map((s) => s.text)).toEqual(['b', 'ra', 'vo']);
    expect(name[1]?.inverse).toBe(true);
    expect(matchesFilter(agent('x'), 'AYCEE')).toBe(true);
  });
});

describe('header, footer, layout', () => {
  it('names the scheduler state and the fleet’s totals, and raises the GLOBAL STOP banner', () => {
    const up = headerModel(loaded());
    expect(plainText(up.title)).toMatch(/scheduler up  \/home/);
    expect(plainText(up.totals)).toMatch(
      /^\$\d.* this month · 3 runs today · 1 open alert · 6 agents \(1 running, 1 invalid\)/,
    );
    expect(up.stop).toBeNull();
    const down = reduce(loaded(), {
      type: 'fleet-loaded',
      snapshot: snapshot(sampleFleet(), {
        scheduler: { state: 'down', pid: 1, started_at: null, beat_at: new Date(NOW - 3 * 3_600_000).toISOString() },
        global: { stopped: true, since: new Date(NOW - 600_000).toISOString(), by: 'jo', reason: 'incident' },
      }),
    });
    const model = headerModel(down);
    expect(plainText(model.title)).toMatch(/scheduler DOWN since 3h ago/);
    expect(plainText(model.stop!)).toMatch(/GLOBAL STOP since 10m ago by jo: incident/);
    expect(headerLines(down)).toBe(3);
    const stopped = reduce(loaded(), {
      type: 'fleet-loaded',
      snapshot: snapshot(sampleFleet(), {
        scheduler: {
          state: 'stopped',
          pid: null,
          started_at: null,
          beat_at: new Date(NOW - 300_000).toISOString(),
          stopped_at: new Date(NOW - 300_000).toISOString(),
        },
      }),
    });
    expect(plainText(headerModel(stopped).title)).toMatch(
      /scheduler stopped at \d{4}-\d\d-\d\d \d\d:\d\d .*\(5m ago\)/,
    );
  });

  it('says in the header that nightshift.yaml is broken and the defaults are in use', () => {
    const problem =
      '/home/nightshift.yaml: is not valid:\n  /home/nightshift.yaml: timezone: "Mars/Base" is not a zone';
    const model = headerModel({ ...loaded(), configProblem: problem });
    expect(plainText(model.totals)).toMatch(
      /· \/home\/nightshift\.yaml: is not valid — runs refuse to start \(nightshift validate\)$/,
    );
    expect(plainText(headerModel(loaded()).totals)).not.toMatch(/defaults in use/);
  });

  it('keeps every frame at rows - 1 lines or fewer, whatever is open', () => {
    for (const rows of [10, 24, 30, 60]) {
      for (const state of [
        loaded(sampleFleet(), { rows }),
        press(loaded(sampleFleet(), { rows }), 'p'),
        press(loaded(sampleFleet(), { rows }), '/'),
      ]) {
        expect(headerLines(state) + bodyHeight(state) + FOOTER_LINES + overlayLines(state)).toBeLessThanOrEqual(
          Math.max(rows - 1, 10),
        );
      }
    }
  });

  it('the footer shows the keys of the view, without actions when read-only', () => {
    const keys = plainText(footerLine(loaded(), 200));
    expect(keys).toMatch(/\? help.*q quit.*enter open.*\/ filter.*r run.*p pause.*x kill/);
    const readonly = plainText(footerLine(loaded(sampleFleet(), { readonly: true }), 200));
    expect(readonly).not.toMatch(/ run | pause | kill | disable | edit | stop all/);
    expect(footerBindings('fleet', true).some((b) => b.op)).toBe(false);
    expect(plainText(footerLine(loaded(), 40)).length).toBeLessThanOrEqual(40);
  });

  it('a prompt’s footer says what esc does: cancel, except after an edit, where it records without a reason', () => {
    expect(plainText(footerLine(press(loaded(), 'r'), 200))).toMatch(/enter confirm +esc cancel/);
    const change = { agent: 'alpha', before: { budget: null }, after: { budget: { monthly_usd: 5, warn_at: 0.8 } } };
    const edited = apply(loaded(), {
      type: 'definition-edited',
      agent: 'alpha',
      change,
      fields: ['budget.monthly_usd'],
    });
    expect(plainText(footerLine(edited, 200))).toMatch(/enter confirm +esc no reason/);
    const help = helpLines(false).map(plainText).join('\n');
    expect(help).toMatch(/^ {2}r +run now \(asks why, optional/m);
    expect(help).toMatch(/^ {2}esc +cancel \(after an edit: record the change without a reason/m);
  });

  it('help lists every key of every view; read-only help lists no action', () => {
    const help = helpLines(false).map(plainText).join('\n');
    for (const title of [
      'Everywhere',
      'Fleet',
      'Agent view',
      'Review',
      'Alerts',
      'Costs',
      'Runbooks',
      'Runbook reader',
      'Filter',
      'confirm'.replace('c', 'C'),
    ])
      expect(help).toContain(title);
    for (const key of [
      'j/k',
      'g/G',
      'PgDn/PgUp',
      'enter',
      '/',
      's',
      'r',
      'p',
      'd',
      'x',
      'e',
      'S',
      'n',
      'm',
      'c',
      'tab',
      'o/enter',
      'n/N',
      'ctrl-c',
    ])
      expect(help).toMatch(new RegExp(`^  ${key.replace(/[/?]/g, '\\$&')} `, 'm'));
    const ro = helpLines(true).map(plainText).join('\n');
    expect(ro).toMatch(/Read-only/);
    expect(ro).not.toMatch(/^ {2}(r|p|d|x|e|S|m|c) /m);
  });
});

describe('costs', () => {
  /** Daily summaries for a month: `cost` spread over `runs` runs on the first days. */
  const days = (month: string, cost: number, runs: number): DaySummary[] =>
    Array.from({ length: runs }, (_, i) => ({
      day: `${month}-${String(i + 1).padStart(2, '0')}`,
      runs: 1,
      costUsd: cost / runs,
      durationMs: 1000,
      byStatus: { OK: 1 },
    }));
  const input = (name: string, thisMonth: [number, number], lastMonth: [number, number]) => ({
    name,
    owner: null,
    budgetUsd: null,
    defined: true,
    state: 'enabled' as const,
    ...costTotalsOf([...days('2026-10', lastMonth[0], lastMonth[1]), ...days('2026-11', thisMonth[0], thisMonth[1])]),
  });
  const withReport = (...agents: ReturnType<typeof input>[]) =>
    reduce(loaded(), {
      type: 'data-loaded',
      data: {
        kind: 'costs',
        costs: costReport({ month: '2026-11', now: new Date('2026-11-23T12:00:00Z'), timezone: 'UTC', agents }),
      },
    });

  it('shows governance’s cost report: the drifting agent first and flagged, with both signs', () => {
    const rows = costRows(withReport(input('steady', [2.2, 22], [3, 30]), input('drift', [33, 23], [3, 31])));
    expect(rows.map((r) => r.name)).toEqual(['drift', 'steady']);
    expect(rows[0]?.anomaly).toMatch(
      /on course for \$4\d\.\d\d in 2026-11, 1\d\.\d× 2026-10's \$3\.00; a run costs \$1\.43, 14\.8× 2026-10's \$0\.097/,
    );
    expect(rows[1]?.anomaly).toBeNull();
    expect(rows[0]).toMatchObject({ monthToDate: 33, lastMonth: 3, runs: 23 });
    expect(rows[0]?.perRun).toBeCloseTo(1.4348, 3);
    expect(rows[0]?.trend).toHaveLength(30);
  });

  it('flags a cost per run that doubled on its own', () => {
    const rows = costRows(withReport(input('dearer', [2, 10], [3, 30])));
    expect(rows[0]?.anomaly).toMatch(/^a run costs \$0\.20, 2\.0× 2026-10's \$0\.10$/);
  });

  it('draws a bar per agent against the biggest spender, and says it all under the table', () => {
    const state = withReport(input('drift', [33, 23], [3, 31]), input('small', [1, 10], [1, 10]));
    const rows = costRows(state);
    const layout = costLayout(99, rows);
    const line = plainText(costLine(rows[0]!, layout, 33, false));
    expect(line).toMatch(/drift .*\$33\.00 +\$3\.00 .*█+ ▲$/);
    expect(plainText(costDetail(rows[0]))).toMatch(/^▲ drift is on course for \$44\.00 in 2026-11/);
  });
});

describe('alerts', () => {
  it('lists open alerts worst first, then resolved ones newest first with the message they had', () => {
    const fleet = [
      agent('a', { openAlerts: [alert('a', { severity: 'warning', key: 'w' })] }),
      agent('b', { openAlerts: [alert('b')] }),
    ];
    const at = (m: number) => new Date(NOW - m * 60_000).toISOString();
    const state = reduce(loaded(fleet), {
      type: 'data-loaded',
      data: {
        kind: 'alerts',
        events: [
          {
            v: 1,
            key: 'k1',
            event: 'open',
            rule: 'missed',
            agent: 'a',
            severity: 'critical',
            at: at(90),
            message: 'a missed its run',
          },
          {
            v: 1,
            key: 'k1',
            event: 'resolve',
            rule: 'missed',
            agent: 'a',
            severity: 'info',
            at: at(60),
            message: 'recovered',
          },
          {
            v: 1,
            key: 'k2',
            event: 'open',
            rule: 'run_cost',
            agent: 'b',
            severity: 'warning',
            at: at(50),
            message: 'b cost $3',
          },
          {
            v: 1,
            key: 'k2',
            event: 'resolve',
            rule: 'run_cost',
            agent: 'b',
            severity: 'info',
            at: at(10),
            message: 'ok',
          },
        ],
      },
    });
    expect(alertRows(state).map((r) => `${r.kind} ${r.agent} ${r.severity} ${r.message}`)).toEqual([
      'open b critical b: TIMEOUT',
      'open a warning a: TIMEOUT',
      'resolved b warning b cost $3',
      'resolved a critical a missed its run',
    ]);
  });
});

describe('text helpers and list math', () => {
  it('sparklines scale from zero to the maximum', () => {
    expect(sparkline([0, 1, 2, 4, 8])).toBe('▁▂▃▅█');
    expect(sparkline([0, 0])).toBe('▁▁');
    expect(sparkline([])).toBe('');
  });

  it('shows escape sequences and control characters from file text instead of obeying them, as the commands do', () => {
    expect(clean('ok\x1b[2J\x07 tab\there\r\n')).toBe('ok^[[2J^G tab  here\n');
    expect(clean('\x1b]52;c;eA==\x07 \u009b2J \u202eevil\r over')).toBe(
      '^[]52;c;eA==^G <U+009B>2J <U+202E>evil^M over',
    );
    expect(wrapText('abcdef\n\nxy', 4)).toEqual(['abcd', 'ef', '', 'xy']);
    expect(wrapText('stopping the fleet rather than burning retries', 20)).toEqual([
      'stopping the fleet',
      'rather than burning',
      'retries',
    ]);
  });

  it('fits text and styled lines to a width', () => {
    expect(fit('inbox-digest', 8)).toBe('inbox-d…');
    expect(fit('ok', 4, 'right')).toBe('  ok');
    expect(
      fitLine(highlight('research-digest', 'dig'), 12)
        .map((s) => s.text)
        .join(''),
    ).toBe('research-di…');
    expect(plainText(fitLine([{ text: 'ab' }], 4, 'right'))).toBe('  ab');
  });

  it('windows and cursors stay inside the list', () => {
    expect(moveIndex(0, -1, 5)).toBe(0);
    expect(moveIndex(4, 3, 5)).toBe(4);
    expect(moveIndex(2, 1, 0)).toBe(0);
    expect(follow(0, 10, 5, 20)).toBe(6);
    expect(follow(8, 3, 5, 20)).toBe(3);
    expect(follow(15, 19, 5, 10)).toBe(5);
    expect(follow(3, 2, 10, 4)).toBe(0);
    expect(scrollBy(0, 100, 10, 25)).toBe(15);
    expect(scrollBy(5, -100, 10, 25)).toBe(0);
    expect(windowOf([1, 2, 3, 4, 5], 4, 3)).toEqual([3, 4, 5]);
  });

  it('a fleet row of a run in flight shows its run id nowhere but its elapsed time', () => {
    const row = fleetRow(
      agent('x', {
        running: {
          run_id: 'r',
          pid: 1,
          started_at: new Date(NOW - 4_000).toISOString(),
          elapsed_ms: 0,
          trigger: 'manual',
        },
        lastRun: run('x'),
      }),
      NOW,
      '',
      false,
      undefined,
    );
    expect(plainText(row.cells.state)).toBe('▶ 4s');
  });
});

describe('wrapLine', () => {
  it('wraps styled words within the width, over at most n lines', async () => {
    const { wrapLine } = await import('../../src/console/selectors.js');
    const lines = wrapLine([{ text: 'key: ', dim: true }, { text: 'one two three four five six' }], 12, 2).map(
      plainText,
    );
    expect(lines).toEqual(['key: one two', 'three four …']);
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(12);
    expect(wrapLine([{ text: 'short' }], 12, 2).map(plainText)).toEqual(['short']);
  });
});

describe('--readonly in the agent view', () => {
  it('mentions no action: not e for an invalid file, not r for an agent with no runs', async () => {
    const { definitionLines, runDetailLine } = await import('../../src/console/selectors/agent.js');
    const invalid = sampleFleet().find((agent) => !agent.valid)!;
    const text = (readonly: boolean) =>
      [
        ...definitionLines(invalid, 0, undefined, readonly),
        runDetailLine(undefined, true, readonly),
        runDetailLine(undefined, false, readonly),
      ]
        .map((line) => plainText(line))
        .join('\n');
    expect(text(false)).toMatch(/e opens it in \$EDITOR/);
    expect(text(false)).toMatch(/r runs it now/);
    expect(text(true)).not.toMatch(/\$EDITOR|r runs|e fixes/);
  });
});
