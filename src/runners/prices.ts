import { own } from '../shared/index.js';
import { FALLBACK_MODEL, MODEL_ALIASES, PRICE_LIST, type PriceRow } from './price-list.js';
import type { ModelPrice, PriceTable, Tokens } from './types.js';
import { roundTokenUsd } from '../shared/index.js';

/** A nightshift.yaml `prices:` entry (cache prices optional). Structurally the same as home's PriceOverride. */
export interface PriceOverrideInput {
  input: number;
  output: number;
  cache_write?: number;
  cache_read?: number;
}

export interface PriceLookup {
  price: ModelPrice;
  basis: 'table' | 'fallback';
  /** the table row that priced it (the fallback's model for an unknown id) */
  model: string;
}

function priceOf(row: PriceRow | (ModelPrice & { model: string })): ModelPrice {
  return { input: row.input, output: row.output, cache_write: row.cache_write, cache_read: row.cache_read };
}

/**
 * The built-in list plus nightshift.yaml overrides (an override replaces a
 * row whole). An override without cache prices bills cache tokens at the
 * input price: no discount is assumed that the operator did not write down.
 */
export function buildPriceTable(overrides: Record<string, PriceOverrideInput> = {}): PriceTable {
  const models: Record<string, ModelPrice> = {};
  for (const row of PRICE_LIST) models[row.model] = priceOf(row);
  for (const [model, o] of Object.entries(overrides)) {
    models[model] = {
      input: o.input,
      output: o.output,
      cache_write: o.cache_write ?? o.input,
      cache_read: o.cache_read ?? o.input,
    };
  }
  const fallback = models[FALLBACK_MODEL];
  if (!fallback) throw new Error(`price list has no row for the fallback model ${FALLBACK_MODEL}`);
  return { models, fallback: { ...fallback, model: FALLBACK_MODEL } };
}

/** The candidate ids for a model, most specific first. */
function candidates(model: string): string[] {
  const ids = [model];
  const add = (id: string): void => {
    if (id.length > 0 && !ids.includes(id)) ids.push(id);
  };
  // OpenRouter-style "anthropic/claude-sonnet-4-5"
  const bare = model.includes('/') ? model.slice(model.lastIndexOf('/') + 1) : model;
  add(bare);
  for (const id of [...ids]) {
    add(id.replace(/-\d{8}$/, '')); // claude-haiku-4-5-20251001
    add(id.replace(/-\d{4}-\d{2}-\d{2}$/, '')); // gpt-5-mini-2025-08-07
  }
  for (const id of [...ids]) add(id.toLowerCase());
  for (const id of [...ids]) {
    const alias = own(MODEL_ALIASES, id);
    if (alias) add(alias);
  }
  return ids;
}

export function priceFor(table: PriceTable, model: string | undefined): PriceLookup {
  if (model) {
    for (const id of candidates(model)) {
      const price = own(table.models, id);
      if (price) return { price, basis: 'table', model: id };
    }
  }
  return { price: priceOf(table.fallback), basis: 'fallback', model: table.fallback.model };
}

/** USD for these tokens: each bucket at its own rate, per million (verified against Claude Code, notes §1.5). */
export function costOf(tokens: Tokens, price: ModelPrice): number {
  const usd =
    (tokens.input * price.input +
      tokens.cache_write * price.cache_write +
      tokens.cache_read * price.cache_read +
      tokens.output * price.output) /
    1e6;
  return roundTokenUsd(usd);
}
