import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { render } from 'ink-testing-library';
import { act } from 'react';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { App } from '../../src/console/app.js';
import { initialState, reduce } from '../../src/console/state.js';
import { loadAgentDetail } from '../../src/console/runtime/loaders.js';
import { createStore } from '../../src/console/store.js';
import { loadFleet } from '../../src/fleet/index.js';
import { renderStatus } from '../../src/cli/render-status.js';
import { openHome } from '../../src/home/index.js';
import { cli } from '../support/cli.js';

/**
 * The console of a home shared by hosts a and b (issue 16 point 1): the
 * fleet's state cell says on which host a run is in flight, and the agent
 * view's run list has a HOST column, its runs merged from both hosts' journals.
 */
// eslint-disable-next-line no-control-regex
const ANSI = /\x1b\[[0-9;?]*[A-Za-z]/g;
const plain = (frame: string | undefined): string => (frame ?? '').replace(ANSI, '');

let root: string;
beforeAll(async () => {
  (globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
  root = await mkdtemp(join(tmpdir(), 'ns-console-shared-'));
  await mkdir(join(root, 'agents'));
  await writeFile(join(root, 'nightshift.yaml'), 'timezone: UTC\n');
  for (const name of ['good', 'other'])
    await writeFile(
      join(root, 'agents', `${name}.md`),
      [
        '---',
        `name: ${name}`,
        'description: says it is fine',
        'trigger:',
        '  cron: "0 3 * * *"',
        'runner:',
        '  kind: command',
        '  command: ["printf", "all fine\\nSTATUS: OK\\nEND_OF_RUN\\n"]',
        '---',
        'Nothing.',
        '',
      ].join('\n'),
    );
  for (const host of ['a', 'b', 'a'])
    expect((await cli(['run', 'good', '--home', root], { env: { NIGHTSHIFT_HOST: host } })).code).toBe(0);
}, 60_000);
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('the console of a shared home', () => {
  it('names the host of a run in flight in the fleet, and each run’s host in the agent view', async () => {
    const home = await openHome(root, { ...process.env, NIGHTSHIFT_HOST: 'a' });
    const { snapshot, trail } = await loadFleet(home);
    expect(snapshot.shared).toBe(true);
    const detail = await loadAgentDetail(home, trail, 'good');
    expect(detail.runs.map((run) => run.host)).toEqual(['a', 'b', 'a']);

    // a run in flight on host b (its lock names the host: fleet/load.ts passes it on in a shared home)
    const now = Date.now();
    const inFlight = {
      ...snapshot,
      agents: snapshot.agents.map((agent) =>
        agent.name === 'other'
          ? {
              ...agent,
              display: 'running' as const,
              running: {
                run_id: 'r-b',
                pid: 4242,
                started_at: new Date(now - 65_000).toISOString(),
                elapsed_ms: 65_000,
                trigger: 'cron',
                host: 'b',
              },
            }
          : agent,
      ),
    };
    // `nightshift status` says it too
    expect(renderStatus(inFlight, new Date(now), 100)).toMatch(/run 1m on b +other/);

    const start = initialState({ now, cols: 80, rows: 24, readonly: false, noColor: false, home: root, seed: 7 });
    const state = reduce({ ...start, pending: [] }, { type: 'fleet-loaded', snapshot: inFlight });
    const store = createStore({ ...state, pending: [] }, () => undefined);
    let view: ReturnType<typeof render> | undefined;
    await act(async () => {
      view = render(<App store={store} />);
    });
    const fleet = plain(view!.lastFrame());
    expect(fleet).toMatch(/▶ b 1m0[5-9]s +other/);
    expect(fleet).toMatch(/OWNER/);

    await act(async () => {
      view!.stdin.write('\r');
      await new Promise((resolve) => setImmediate(resolve));
    });
    await act(async () => store.dispatch({ type: 'data-loaded', data: { kind: 'agent', detail } }));
    const agentView = plain(view!.lastFrame());
    expect(agentView).toMatch(/Fleet › good/);
    expect(agentView).toMatch(/STATUS .* TRIGGER +HOST/);
    const rows = agentView.split('\n').filter((line) => /OK .* manual +[ab]\b/.test(line));
    expect(rows.map((line) => /manual +([ab])\b/.exec(line)?.[1])).toEqual(['a', 'b', 'a']);
    await act(async () => view!.unmount());
  }, 60_000);
});
