import { describe, expect, test } from 'vitest';
import { FALLBACK_MODEL, PRICE_LIST } from '../../src/runners/price-list.js';
import { buildPriceTable, costOf, priceFor } from '../../src/runners/prices.js';

describe('price table', () => {
  test('every row says where it came from and when it was checked; OpenAI rows are unverified', () => {
    for (const row of PRICE_LIST) {
      expect(row.source.length).toBeGreaterThan(0);
      expect(row.checked).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
    expect(PRICE_LIST.filter((row) => row.model.startsWith('gpt-')).every((row) => !row.verified)).toBe(true);
    const models = PRICE_LIST.map((row) => row.model);
    for (const model of [
      'claude-haiku-4-5',
      'claude-sonnet-4-5',
      'claude-sonnet-4-6',
      'claude-sonnet-5',
      'claude-sonnet-5-5',
      'claude-opus-4-5',
      'claude-opus-5',
      'claude-opus-5-5',
      'claude-fable-5',
      'gpt-5-mini',
    ]) {
      expect(models).toContain(model);
    }
  });

  test('the verified arithmetic of notes §1.5: 1200/300/5000/57 on sonnet-4-5 = $0.00708', () => {
    const { price } = priceFor(buildPriceTable(), 'claude-sonnet-4-5');
    expect(costOf({ input: 1200, cache_write: 300, cache_read: 5000, output: 57 }, price)).toBe(0.00708);
  });

  test('lookups: exact id, date suffix, provider prefix, alias; unknown → declared fallback', () => {
    const table = buildPriceTable();
    expect(priceFor(table, 'claude-haiku-4-5-20251001')).toMatchObject({ basis: 'table', model: 'claude-haiku-4-5' });
    expect(priceFor(table, 'gpt-5-mini-2025-08-07')).toMatchObject({ basis: 'table', model: 'gpt-5-mini' });
    expect(priceFor(table, 'anthropic/claude-sonnet-4-5')).toMatchObject({
      basis: 'table',
      model: 'claude-sonnet-4-5',
    });
    expect(priceFor(table, 'haiku')).toMatchObject({ basis: 'table', model: 'claude-haiku-5-5' });
    expect(priceFor(table, 'llama3.1:8b')).toMatchObject({ basis: 'fallback', model: FALLBACK_MODEL });
    expect(priceFor(table, undefined)).toMatchObject({ basis: 'fallback', model: FALLBACK_MODEL });
  });

  test('nightshift.yaml overrides replace a row; missing cache prices bill at the input price', () => {
    const table = buildPriceTable({
      'claude-haiku-4-5': { input: 2, output: 10, cache_read: 0.2 },
      'llama3.1:8b': { input: 0, output: 0 },
    });
    expect(table.models['claude-haiku-4-5']).toEqual({ input: 2, output: 10, cache_read: 0.2, cache_write: 2 });
    expect(priceFor(table, 'llama3.1:8b')).toMatchObject({
      basis: 'table',
      price: { input: 0, output: 0, cache_read: 0, cache_write: 0 },
    });
    // the built-in table is not changed by an override
    expect(buildPriceTable().models['claude-haiku-4-5']?.input).toBe(1);
  });
});

describe('a model named like an Object.prototype key', () => {
  test('gets the fallback price, not a function off the prototype', () => {
    const table = buildPriceTable();
    for (const model of ['constructor', 'toString', '__proto__', 'hasOwnProperty']) {
      const found = priceFor(table, model);
      expect(found.basis).toBe('fallback');
      expect(Number.isFinite(costOf({ input: 1000, output: 1000, cache_read: 0, cache_write: 0 }, found.price))).toBe(
        true,
      );
    }
  });
});
