import { describe, expect, test } from 'vitest';
import type { RunnerKind } from '../../src/agents/index.js';
import { ValidationError } from '../../src/shared/errors.js';
import * as runners from '../../src/runners/index.js';

describe('src/runners/index.ts', () => {
  test('createRunner gives one runner per kind of the agent schema', () => {
    for (const kind of ['claude', 'command', 'openai', 'anthropic', 'extractive'] as const) {
      expect(runners.createRunner(kind).kind).toBe(kind);
    }
    expect(runners.RUNNER_KINDS).toHaveLength(5);
  });

  test('an unknown kind is a ValidationError saying what was expected', () => {
    expect(() => runners.createRunner('gpt' as RunnerKind)).toThrow(ValidationError);
    try {
      runners.createRunner('gpt' as RunnerKind);
    } catch (error) {
      expect((error as ValidationError).expected).toBe('claude | command | openai | anthropic | extractive');
      expect((error as ValidationError).actual).toBe('gpt');
    }
  });

  test('the door exports what the harness and `kill` need', () => {
    for (const name of ['terminateRun', 'runAlive', 'commandLineOf', 'processAlive', 'buildPriceTable', 'emptyUsage']) {
      expect(typeof (runners as Record<string, unknown>)[name]).toBe('function');
    }
  });
});
