import type { RunnerConfig } from '../agents/index.js';
import { type Secret, secretsOf } from '../secrets/index.js';
import type { RunnerInput } from './types.js';

/**
 * The environment variables that hold a runner's key: their values are
 * secrets whatever the variables are called (runner.api_key_env may name
 * any variable). The one place the HTTP runners' defaults are written down.
 */
export const DEFAULT_KEY_ENV = { openai: 'OPENAI_API_KEY', anthropic: 'ANTHROPIC_API_KEY' } as const;
/** What Claude Code reads its credentials from. */
const CLAUDE_KEY_ENV = ['ANTHROPIC_API_KEY', 'ANTHROPIC_AUTH_TOKEN', 'CLAUDE_CODE_OAUTH_TOKEN'];

export function runnerKeyVariables(runner: RunnerConfig): string[] {
  switch (runner.kind) {
    case 'openai':
    case 'anthropic':
      return [httpKeyVariable(runner.kind, runner.api_key_env)];
    case 'claude':
      return [...CLAUDE_KEY_ENV];
    default:
      return [];
  }
}

/** runner.api_key_env, else the provider's usual variable. */
export function httpKeyVariable(kind: keyof typeof DEFAULT_KEY_ENV, apiKeyEnv: string | undefined): string {
  return apiKeyEnv ?? DEFAULT_KEY_ENV[kind];
}

/** The secrets a runner keeps out of what it returns: the harness's list, or (a runner called on its own) the environment's and its key's. */
export function runnerSecrets(input: Pick<RunnerInput, 'secrets' | 'env' | 'agent'>): readonly Secret[] {
  return input.secrets ?? secretsOf(input.env, runnerKeyVariables(input.agent.runner));
}
