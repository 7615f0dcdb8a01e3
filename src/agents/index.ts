/**
 * Agent files: loaded through the parse cache, checked (read-only first,
 * sizes), and made into definitions. What parses (yaml, zod, the cron checks)
 * is loaded only when a file must be parsed: see parse.ts and parsers.ts.
 */
export { accessProblems, writeCapabilities } from './access.js';
export { type ClaudeAgent, claudeAgentsJson } from './claude-agents.js';
export { BUILTIN_DEFAULTS } from './definition.js';
export type { AgentDefaults, AgentDefinition, Limits, ResolvedTrigger } from './definition.js';
export { readCache, writeCache } from './cache.js';
export { agentFault, type AgentFault, cronStage, forAgent, forAgentAsync } from './fault.js';
export { checkGlob, compileGlob, escapeRegExp, globSource, globToRegExp, hasGlob } from './glob.js';
export type { GlobCheck } from './glob.js';
export { loadAgentFile, loadAgents, loadDefinitionBeyondAccess, parseAgentText } from './loader.js';
export type { AgentEntry } from './loader.js';
export { closest, formatProblem, keysOf, problemsFromZod } from './problems.js';
export type { Problem } from './problems.js';
export {
  attemptsInAll,
  backoffBefore,
  RETRYABLE_STATUSES,
  retriesAfter,
  retryOnProblem,
  retryWindowMs,
} from './retry.js';
export type { RetryPolicy, RetryableStatus } from './retry.js';
export { commandLineProblems } from './size-problems.js';
export type { OutputExpect, Retention, ReviewCadence, RunnerConfig, RunnerKind } from './schema.js';
export { isTimeZone, localtimeLinkZone, systemTimeZone } from './timezone.js';
export { formatDuration, formatSize, parseDuration, parseSize } from './units.js';
export { formatRate, parseRate, type Rate } from './rate.js';

/** yaml, the zod schemas and front-matter splitting, loaded on first use (see parsers.ts). */
export const loadParsers = (): Promise<typeof import('./parsers.js')> => import('./parsers.js');
export { findSection, markFences, promptSections, topLevelBullets } from './prompt-sections.js';
export type { PromptLine, PromptSection } from './prompt-sections.js';
export { describeTemplateText, templateText } from './template-text.js';
export type { TemplateText } from './template-text.js';
