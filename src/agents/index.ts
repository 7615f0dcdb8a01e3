export { accessProblems, ASKING_PERMISSION_MODES, NETWORK_TOOLS, networkTools, READ_ONLY_TOOLS, toolClass, toolName, writeCapabilities } from './access.js';
export type { AccessRequest, Capability, ToolClass } from './access.js';
export { checkCron, describeCron, dueTimesBetween, nextDue } from './cron.js';
export { dueAfter, dueTimesIn, earlyAllowance, firstUncoveredDue, lastDueIn, startCovers } from './due-times.js';
export type { CronCheck } from './cron.js';
export {
  BUILTIN_DEFAULTS,
  describeTrigger,
  resolveDefinition,
  sha256,
} from './definition.js';
export type { AgentDefaults, AgentDefinition, AlertThresholds, Limits, ResolvedTrigger } from './definition.js';
export { type Cached, parseKey, readCache, writeCache } from './cache.js';
export { type DueMemo, type MemoDueAfter, memoDueAfter } from './due-memo.js';
export { AgentEvaluationError, agentFault, type AgentFault, type Contained, cronStage, forAgent, forAgentAsync } from './fault.js';
export { splitFrontMatter } from './frontmatter.js';
export { checkGlob, checkWatchPath, compileGlob, escapeRegExp, globSource, globToRegExp, hasGlob } from './glob.js';
export type { GlobCheck } from './glob.js';
export { loadAgentFile, loadAgents, loadDefinitionBeyondAccess, parseAgentText } from './loader.js';
export type { AgentEntry } from './loader.js';
export { closest, formatProblem, keysOf, problemsFromZod } from './problems.js';
export type { Problem } from './problems.js';
export { AGENT_NAME_PATTERN, agentSchemas } from './schema.js';
export { commandLineProblems } from './size-problems.js';
export { parseYamlText } from './yaml-text.js';
export type { YamlText } from './yaml-text.js';
export type { AgentFrontMatter, OutputExpect, Retention, ReviewCadence, RunnerConfig, RunnerKind, Trigger } from './schema.js';
export { isTimeZone, localtimeLinkZone, systemTimeZone } from './timezone.js';
export { formatDuration, formatSize, parseDuration, parseSize } from './units.js';
