import type { ModelPrice } from './types.js';

/**
 * List prices in USD per million tokens, as data. Each row says where it
 * came from and when it was checked (shared/notes/agent-clis.md §4):
 *   A  Claude Code 2.1.330's built-in list prices, probed through a mock (costBasis "list")
 *   B  platform.claude.com pricing page (stored copy)
 *   C  github/docs copilot models-and-pricing table (stored copy, late-2026 lineup)
 *   3P third-party price lists
 * OpenAI rows are unverified: third-party lists disagree. nightshift.yaml
 * `prices:` overrides any row; the table is a default, not the truth.
 * For OpenAI, `cache_read` is the cached-input price; OpenAI does not bill
 * cache writes separately, so `cache_write` = input.
 */
export interface PriceRow extends ModelPrice {
  model: string;
  source: string;
  checked: string;
  verified: boolean;
  note?: string;
}

const CHECKED = '2026-11-23';

function rows(models: string[], price: ModelPrice, source: string, verified: boolean, note?: string): PriceRow[] {
  return models.map((model) => ({ model, ...price, source, checked: CHECKED, verified, ...(note ? { note } : {}) }));
}

export const PRICE_LIST: readonly PriceRow[] = [
  ...rows(['claude-haiku-4-5'], { input: 1, cache_write: 1.25, cache_read: 0.1, output: 5 }, 'A, C', true),
  ...rows(
    ['claude-haiku-5-5'],
    { input: 0.1, cache_write: 0.125, cache_read: 0.01, output: 0.5 },
    'A + 3P release notes',
    true,
    'prompt ≤100k tokens; prompts over 100k bill 5× (0.50/0.625/0.05/2.50) and are not modelled here',
  ),
  ...rows(
    ['claude-sonnet-4-5', 'claude-sonnet-4-6'],
    { input: 3, cache_write: 3.75, cache_read: 0.3, output: 15 },
    'A, C',
    true,
  ),
  ...rows(
    ['claude-sonnet-5'],
    { input: 2, cache_write: 2.5, cache_read: 0.2, output: 10 },
    'A, C, platform.claude.com sonnet-5 overview',
    true,
  ),
  ...rows(
    ['claude-sonnet-5-5'],
    { input: 2, cache_write: 2.5, cache_read: 0.1, output: 10 },
    'A (cache-read cut 2026-10-07 per 3P)',
    true,
  ),
  ...rows(
    ['claude-opus-4-5', 'claude-opus-4-6', 'claude-opus-4-7', 'claude-opus-4-8', 'claude-opus-5'],
    { input: 5, cache_write: 6.25, cache_read: 0.5, output: 25 },
    'A, B, C',
    true,
  ),
  ...rows(['claude-opus-5-5'], { input: 4, cache_write: 5, cache_read: 0.2, output: 20 }, 'A (3P agrees $4/$20)', true),
  ...rows(
    ['claude-opus-4-1'],
    { input: 15, cache_write: 18.75, cache_read: 1.5, output: 75 },
    'B',
    true,
    'retired: Claude Code 2.1.330 sends claude-opus-5-5 instead',
  ),
  ...rows(
    ['claude-fable-5', 'claude-mythos-5'],
    { input: 10, cache_write: 12.5, cache_read: 1, output: 50 },
    'A, B, C',
    true,
  ),
  ...rows(['claude-fable-5-1'], { input: 10, cache_write: 12.5, cache_read: 0.25, output: 50 }, 'A, B', true),
  ...rows(
    ['claude-fable-5-2'],
    { input: 8, cache_write: 10, cache_read: 0.2, output: 40 },
    'A only',
    false,
    'the `fable` alias in 2.1.330; one source',
  ),
  ...rows(
    ['gpt-5-mini'],
    { input: 0.25, cache_write: 0.25, cache_read: 0.025, output: 2 },
    'C; 3P deploybase.ai (Mar 2026)',
    false,
  ),
  ...rows(['gpt-5.4-mini'], { input: 0.75, cache_write: 0.75, cache_read: 0.075, output: 4.5 }, 'C', false),
  ...rows(['gpt-5.4-nano'], { input: 0.2, cache_write: 0.2, cache_read: 0.02, output: 1.25 }, 'C', false),
  ...rows(['gpt-5.5'], { input: 5, cache_write: 5, cache_read: 0.5, output: 30 }, 'C', false, 'context ≤272K'),
  ...rows(
    ['gpt-5.6'],
    { input: 0.2, cache_write: 0.25, cache_read: 0.02, output: 1.2 },
    'C',
    false,
    'listed as "gpt-5.6 Luna" (≤200K context); the API id is not confirmed',
  ),
  ...rows(
    ['gpt-4o-mini'],
    { input: 0.15, cache_write: 0.15, cache_read: 0.075, output: 0.6 },
    '3P only',
    false,
    'unsure it is still sold',
  ),
  ...rows(
    ['gpt-4.1-mini'],
    { input: 0.4, cache_write: 0.4, cache_read: 0.4, output: 1.6 },
    '3P only (deploybase.ai, Mar 2026)',
    false,
    'no cached-input price found: billed at the input price',
  ),
];

/**
 * The model an unknown id is priced as (cost_basis "fallback"). Chosen on the
 * dear side on purpose: a cost limit that overestimates stops a run early, one
 * that underestimates lets it overspend. Override a local model's price to 0
 * in nightshift.yaml to stop it being charged at this rate.
 */
export const FALLBACK_MODEL = 'claude-opus-5';

/** Claude Code 2.1.330's aliases (agent-clis.md §1.2), so `model: haiku` is priced as what it runs. */
export const MODEL_ALIASES: Readonly<Record<string, string>> = {
  opus: 'claude-opus-5-5',
  sonnet: 'claude-sonnet-5-5',
  haiku: 'claude-haiku-5-5',
  fable: 'claude-fable-5-2',
};
