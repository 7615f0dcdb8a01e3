export { prune, parseOlderThan, renderPrune, pruneToJson } from './prune/index.js';
export { costReport } from './costs-report.js';
export type { CostReport } from './costs-report.js';
export { parseMonth } from './costs-month.js';
export { costInputs, loadCosts } from './costs-load.js';
export { renderCosts } from './costs-render.js';
export { loadRegistry } from './registry-load.js';
export { renderRegistryMarkdown, renderRegistryText } from './registry-render.js';
export { writeRegistryFile } from './registry-write.js';
export { weekRange } from './review-window.js';
export { emptyWeek, weekActivity } from './review-week.js';
export type { WeekActivity } from './review-week.js';
export { outputPath, weekOutputs } from './review-output.js';
export { appendReviewMark, readReviewMarks } from './review-marks.js';
export type { ReviewMark } from './review-marks.js';
export { isReviewOverdue, lookReasonText, needsALook } from './review-attention.js';
export type { LookReason } from './review-attention.js';
export { loadReview } from './review-load.js';
export { renderReview } from './review-render.js';
export { reviewDigest } from './review-digest.js';
export { fieldChanges } from './history-entries.js';
export { loadHistory } from './history-load.js';
export { renderHistory } from './history-render.js';
export { resolveNow } from './history-time.js';
export { changeSchedule, checkNewCron, requireReason } from './schedule-change.js';
export { previewLines, previewSchedule } from './schedule-preview.js';
export type { SchedulePreview } from './schedule-preview.js';
export { createAgent } from './new-agent.js';
export { runDoctor, renderDoctor, doctorToJson } from './doctor/index.js';
export { evalAgent, renderEval } from './eval/index.js';
export { agentTrends, evalHistory, readEvalHistory, renderEvalHistory, scoreText } from './eval/index.js';
export type { CaseTrend, EvalHistory } from './eval/index.js';
export { exportK8s, HOME_MOUNT, renderK8sYaml, WATCHDOG_NAME } from './k8s/index.js';
export type { K8sExport, K8sObject, K8sTarget } from './k8s/index.js';
export {
  metricsCollector,
  metricSamples,
  parseListenAddress,
  renderMetrics,
  serveMetrics,
  loadMetricsInput,
  writeMetricsTextfile,
} from './metrics/index.js';
export type { ListenAddress, MetricFamily, MetricsInput, MetricsServer } from './metrics/index.js';
export { loadQuarterReview } from './review-quarter-load.js';
export { renderQuarterMarkdown } from './review-quarter-render.js';
export type { QuarterReview } from './review-quarter.js';
