import type { Command } from 'commander';
import { describe, expect, test } from 'vitest';
import { buildProgram } from '../../src/cli/program.js';

/** What a person sees of a command: its name, arguments, description, options and subcommands. */
function shape(command: Command): unknown {
  return {
    name: command.name(),
    args: command.registeredArguments.map((arg) => arg.name()),
    description: command.description(),
    options: command.options.map((option) => option.flags),
    commands: command.commands.map(shape),
  };
}

describe('the program built for one command', () => {
  const full = buildProgram();
  const words = full.commands.map((command) => command.name());

  test('the full program has every command', () => {
    expect(words).toEqual(expect.arrayContaining(['run', 'status', 'kill', 'stop-all', 'cron', 'eval', 'console']));
    expect(words.length).toBeGreaterThan(20);
  });

  test.each(words)('`nightshift %s …` gets that command exactly as the full program defines it', (word) => {
    const one = buildProgram(['node', 'nightshift', '--home', '/h', word, 'x']);
    const mine = one.commands.find((command) => command.name() === word);
    expect(mine && shape(mine)).toEqual(shape(full.commands.find((command) => command.name() === word)!));
    // and no more than its own group: a scheduled run does not build the other commands
    expect(one.commands.length).toBeLessThan(words.length);
  });

  test('help or an unknown word builds every command (help and typo suggestions need them)', () => {
    for (const argv of [['--help'], ['help', 'run'], ['rnu', 'a']]) {
      expect(buildProgram(['node', 'nightshift', ...argv]).commands.map((command) => command.name())).toEqual(words);
    }
  });
});
