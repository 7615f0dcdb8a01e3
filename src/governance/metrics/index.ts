/**
 * Prometheus metrics: the fleet as samples (pure), rendered by prom-client,
 * served by `daemon --metrics` or written for node_exporter's textfile collector.
 */
export { formatAddress, parseListenAddress } from './address.js';
export type { ListenAddress } from './address.js';
export { loadMetricsInput } from './load.js';
export { renderMetrics } from './render.js';
export type { RenderedMetrics } from './render.js';
export { metricSamples } from './samples.js';
export type { MetricFamily, MetricSample, MetricsInput } from './samples.js';
export { metricsCollector, serveMetrics } from './serve.js';
export type { MetricsServer } from './serve.js';
export { TEXTFILE_NAME, writeMetricsTextfile } from './textfile.js';
