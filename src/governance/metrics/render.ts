import type { MetricFamily } from './samples.js';

/** The Prometheus text format's content type, as prom-client names it. */
export interface RenderedMetrics {
  text: string;
  contentType: string;
}

/**
 * The samples in the Prometheus text format, through prom-client. A fresh
 * Registry each time: values are worked out from the journals on every
 * collect, so nothing is carried between scrapes (a series that went away,
 * like a resolved alert, is gone, not stuck at its last value).
 *
 * prom-client is loaded here, on first use: `nightshift run` never reaches it.
 */
export async function renderMetrics(families: readonly MetricFamily[]): Promise<RenderedMetrics> {
  const loaded = await import('prom-client');
  // a CommonJS package: bundled, its exports arrive under `default`; under Node's own loader (tests), by name as well
  const { Counter, Gauge, Registry } = ('default' in loaded ? loaded.default : loaded) as typeof loaded;
  const registry = new Registry();
  for (const family of families) {
    // an unlabelled metric prom-client was never given a value still reads 0: a heartbeat of 0 would say "1970", not "never"
    if (family.samples.length === 0) continue;
    const config = {
      name: family.name,
      help: family.help,
      labelNames: [...family.labelNames],
      registers: [registry],
    };
    if (family.type === 'counter') {
      const counter = new Counter(config);
      for (const sample of family.samples) counter.inc(sample.labels, sample.value);
    } else {
      const gauge = new Gauge(config);
      for (const sample of family.samples) gauge.set(sample.labels, sample.value);
    }
  }
  return { text: await registry.metrics(), contentType: registry.contentType };
}
