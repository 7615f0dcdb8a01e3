import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Command } from 'commander';
import { afterAll, describe, expect, test } from 'vitest';
import { buildProgram } from '../../src/cli/program.js';
import { cli } from '../support/cli.js';

/**
 * Bad input on the command line gets the exit code `nightshift --help`
 * lists: 2 for every usage error — commander's own (unknown command or
 * option, missing or extra argument) and a --home that can never be a home —
 * with a message naming what was wrong.
 */
const dir = mkdtempSync(join(tmpdir(), 'ns-usage-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const NO_HOME = { NIGHTSHIFT_HOME: join(dir, 'unused-home') };

describe('commander usage errors exit 2, as --help says', () => {
  test('--help lists 2 for an unknown command or option', async () => {
    const help = await cli(['--help'], { env: NO_HOME });
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(
      /^ {2}2 {3}usage error: an unknown command or option, a bad argument, an unknown agent, or no home$/m,
    );
    expect((await cli(['-V'], { env: NO_HOME })).code).toBe(0);
    expect((await cli(['help', 'run'], { env: NO_HOME })).code).toBe(0);
  });

  test.each([
    [['bogus'], /unknown command 'bogus'/],
    [['rnu', 'agent'], /unknown command 'rnu'\n\(Did you mean run\?\)/],
    [['--bogus'], /unknown option '--bogus'/],
    [['status', '--bogus'], /unknown option '--bogus'/],
    [['logs', '--limit'], /option '--limit <n>' argument missing/],
    [['run'], /missing required argument 'agent'/],
    [['run', 'a', 'b', 'c'], /too many arguments for 'run'/],
    [['pause', 'a', '--nope'], /unknown option '--nope'/],
    [['review', 'mark'], /missing required argument 'agent'/],
    [['cron'], /Usage: nightshift cron/],
  ])('nightshift %j: exit 2, and says why', async (args, said) => {
    const ran = await cli(args, { env: NO_HOME });
    expect(ran.code).toBe(2);
    expect(ran.stderr).toMatch(said);
  });
});

/** Every command a person can type, with a value for each required argument, so only the home is wrong. */
function leaves(command: Command, words: string[] = []): string[][] {
  const own = [...words, command.name()];
  const args: string[] = command.registeredArguments
    .filter((arg) => arg.required)
    .map((arg) => (arg.name() === 'cron' ? '0 1 * * *' : 'some-agent'));
  // a --reason some commands require before they look at the home
  if (command.options.some((option) => option.long === '--reason')) args.push('--reason', 'test');
  // and the image `export k8s` requires
  if (command.options.some((option) => option.long === '--image')) args.push('--image', 'nightshift:test');
  const runnable = (command as unknown as { _actionHandler: unknown })._actionHandler !== null;
  return [...(runnable ? [[...own, ...args]] : []), ...command.commands.flatMap((sub) => leaves(sub, own))];
}

describe('--home that is a file, or a path through one', () => {
  const file = join(dir, 'a-file');
  writeFileSync(file, 'not a home\n');
  const commands = buildProgram().commands.flatMap((command) => leaves(command));

  test.each(commands.map((words) => [words.join(' '), words] as const))(
    'nightshift %s --home <a file>: exit 2, naming the path',
    async (_name, words) => {
      const ran = await cli([...words, '--home', file], { env: NO_HOME });
      expect(ran.stderr).toContain(
        `nightshift: ${file} is a file, not a folder, so it cannot be a nightshift home: choose a folder with ` +
          '--home DIR (or NIGHTSHIFT_HOME), or move it out of the way',
      );
      expect(ran.code).toBe(2);
    },
  );

  test('init, status and run under a path through a file, and $NIGHTSHIFT_HOME a file: the same', async () => {
    // (and the list above is every command, subcommands included)
    expect(commands.map((c) => c.join(' '))).toEqual(
      expect.arrayContaining([
        'init',
        'status',
        'daemon',
        'daemon install',
        'cron install',
        'review mark some-agent',
        'run some-agent --reason test',
        'schedule some-agent 0 1 * * * --reason test',
      ]),
    );
    for (const args of [
      ['init', '--home', join(file, 'home')],
      ['status', '--home', join(file, 'home')],
      ['run', 'x', '--home', join(file, 'home')],
    ]) {
      const ran = await cli(args, { env: NO_HOME });
      expect(ran.stderr).toContain(`${join(file, 'home')} is a path through a file, not a folder`);
      expect(ran.code).toBe(2);
    }
    const fromEnv = await cli(['status'], { env: { ...NO_HOME, NIGHTSHIFT_HOME: file } });
    expect(fromEnv.stderr).toContain(`${file} is a file, not a folder`);
    expect(fromEnv.code).toBe(2);
  });

  test('init and status on a home whose agents/ is a file: exit 2, naming it', async () => {
    const home = join(dir, 'half-home');
    mkdirSync(home);
    writeFileSync(join(home, 'agents'), '');
    const ran = await cli(['init', '--home', home], { env: NO_HOME });
    expect(ran.stderr).toContain(
      `nightshift: ${join(home, 'agents')} is a file, not a folder, so it cannot be the home's agents folder`,
    );
    expect(ran.code).toBe(2);
    const status = await cli(['status', '--home', home], { env: NO_HOME });
    expect(status.stderr).toContain(`${join(home, 'agents')} is a file, not a folder`);
    expect(status.code).toBe(2);
  });
});
