import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { makeDemoHome } from '../../fixtures/generator/make-home.js';

/**
 * The console in a real terminal: tmux on its own socket (no clash with a
 * developer's tmux), started with CI=false (Ink writes nothing until exit
 * when CI is set), read back with capture-pane, polled against a deadline.
 */
export const BIN = resolve(process.env.NIGHTSHIFT_BIN ?? 'bin/nightshift.js');
export const FIXTURE = resolve('fixtures/demo-home');

export interface Manifest {
  agents: string[];
  failed_last_night: string;
  drifting_cost: string;
  paused: string[];
  disabled: string[];
  invalid: string[];
}

/** The fleet view's title line (the breadcrumb ends at "Fleet", not "Fleet › …"). */
export const FLEET = /^nightshift Fleet {2}/;

export const manifest = JSON.parse(readFileSync(`${FIXTURE}.expect.json`, 'utf8')) as Manifest;

/** Installs tmux when it is missing (CI images as root): the console must be tested in a real terminal, never skipped. */
export function ensureTmux(): void {
  if (spawnSync('sh', ['-c', 'command -v tmux'], { stdio: 'ignore' }).status === 0) return;
  execFileSync('sh', ['-c', 'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq tmux'], {
    stdio: 'inherit',
  });
}

/** A runner that sleeps: something in flight to kill. */
const SLOW_AGENT = `---
name: slow-poke
description: Sleeps for a minute; something in flight for the kill switch.
tools: Read
owner: test
runner:
  kind: command
  command: ["sh", "-c", "sleep 60; printf 'done\\\\nSTATUS: OK\\\\nEND_OF_RUN\\\\n'"]
limits:
  time: 5m
  calls: 1
  cost_usd: 0
  output_bytes: 10KB
---
Sleep.
`;

/** A fresh copy of the demo home, history moved to today, plus slow-poke. */
export async function demoHome(): Promise<string> {
  const root = mkdtempSync(join(tmpdir(), 'ns-tmux-'));
  const home = join(root, 'home');
  await makeDemoHome(home, new Date());
  writeFileSync(join(home, 'agents', 'slow-poke.md'), SLOW_AGENT, { mode: 0o600 });
  return home;
}

/** `nightshift costs --json` of the home, now: what the console's Costs view must agree with. */
export function costsReport(home: string): { rows: Array<{ name: string; runs: number; anomalies: unknown[] }> } {
  // exit 1 says an anomaly needs attention; the report is on stdout either way
  const ran = spawnSync(process.execPath, [BIN, 'costs', '--home', home, '--json'], { encoding: 'utf8' });
  if (ran.status !== 0 && ran.status !== 1) throw new Error(`nightshift costs exited ${ran.status}: ${ran.stderr}`);
  return JSON.parse(ran.stdout);
}

export function jsonl(file: string): Array<Record<string, unknown>> {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

let serial = 0;

export class Terminal {
  readonly socket: string;
  readonly session = 'console';

  constructor(
    readonly home: string,
    readonly options: {
      cols?: number;
      rows?: number;
      args?: string[];
      env?: Record<string, string>;
      /** a script to run instead of the CLI on this home (the demo's start.js), with `args` */
      script?: string;
    } = {},
  ) {
    this.socket = `ns-console-${process.pid}-${serial++}`;
  }

  private tmux(...args: string[]): string {
    const result = spawnSync('tmux', ['-L', this.socket, ...args], { encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`tmux ${args.join(' ')}: ${result.stderr}`);
    return result.stdout;
  }

  start(): this {
    const env = Object.entries({ CI: 'false', TERM: 'xterm-256color', ...this.options.env })
      .map(([key, value]) => `${key}='${value}'`)
      .join(' ');
    const args = (this.options.args ?? []).map((a) => `'${a}'`).join(' ');
    const target = this.options.script ? `'${this.options.script}'` : `'${BIN}' --home '${this.home}'`;
    const command = `env ${env} '${process.execPath}' ${target} ${args}; echo "[exit $?]"; sleep 3600`;
    this.tmux(
      'new-session',
      '-d',
      '-s',
      this.session,
      '-x',
      String(this.options.cols ?? 100),
      '-y',
      String(this.options.rows ?? 30),
      command,
    );
    return this;
  }

  screen(): string {
    return this.tmux('capture-pane', '-p', '-t', this.session);
  }

  /** With escape sequences (colours). */
  screenWithEscapes(): string {
    return this.tmux('capture-pane', '-p', '-e', '-t', this.session);
  }

  /** Named keys, as tmux knows them: j, Enter, Escape, Tab… */
  keys(...keys: string[]): void {
    for (const key of keys) this.tmux('send-keys', '-t', this.session, key);
  }

  /** Text typed as is. */
  type(text: string): void {
    this.tmux('send-keys', '-t', this.session, '-l', text);
  }

  /** The console's process: the pane's shell runs it as its only child. */
  consolePid(): number {
    const shell = this.tmux('display-message', '-p', '-t', this.session, '#{pane_pid}').trim();
    const child = spawnSync('pgrep', ['-P', shell, '-f', 'nightshift'], { encoding: 'utf8' })
      .stdout.trim()
      .split('\n')[0];
    if (!child) throw new Error(`no console process under pane ${shell}`);
    return Number(child);
  }

  alternateOn(): boolean {
    return this.tmux('display-message', '-p', '-t', this.session, '#{alternate_on}').trim() === '1';
  }

  async waitFor(what: string | RegExp | ((screen: string) => boolean), ms = 15_000): Promise<string> {
    const test =
      typeof what === 'function'
        ? what
        : typeof what === 'string'
          ? (s: string) => s.includes(what)
          : (s: string) => what.test(s);
    const deadline = Date.now() + ms;
    let screen = '';
    for (;;) {
      screen = this.screen();
      if (test(screen)) return screen;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${String(what)}; the screen:\n${screen}`);
      await new Promise((r) => setTimeout(r, 40));
    }
  }

  /** The row of the fleet table for an agent. */
  row(screen: string, agent: string): string {
    return screen.split('\n').find((line) => new RegExp(`^[› ] \\S.*\\s${agent}\\s`).test(line)) ?? '';
  }

  /** `/` filters the fleet to the agent, and the cursor is on its row: as an operator finds one by name. */
  async filterTo(agent: string): Promise<void> {
    this.keys('/');
    this.type(agent);
    this.keys('Enter');
    await this.waitFor((s) => this.row(s, agent).startsWith('›'));
  }

  kill(): void {
    spawnSync('tmux', ['-L', this.socket, 'kill-server'], { stdio: 'ignore' });
  }
}

export type TerminalOptions = NonNullable<ConstructorParameters<typeof Terminal>[1]>;

/**
 * What every console test file sets up: tmux found, one copy of the demo home for the file, and each terminal it
 * opens killed after its test, so a failed test never leaves a console running into the next one.
 */
export function demoConsole(defaults: TerminalOptions = {}): {
  readonly home: string;
  open(options?: TerminalOptions, at?: string): Terminal;
} {
  const terminals: Terminal[] = [];
  let home = '';
  beforeAll(async () => {
    ensureTmux();
    home = await demoHome();
  }, 180_000);
  afterEach(() => {
    for (const terminal of terminals.splice(0)) terminal.kill();
  });
  afterAll(() => {
    for (const terminal of terminals) terminal.kill();
  });
  return {
    get home() {
      return home;
    },
    open(options = {}, at = home) {
      const terminal = new Terminal(at, { ...defaults, ...options }).start();
      terminals.push(terminal);
      return terminal;
    },
  };
}
