export { cronBlockInstalled, cronBlockState, defaultNightshiftArgv, installCronBlock, refreshCronBlockIfInstalled, uninstallCronBlock, } from './cron-mode.js';
export type { CronBlockState, CronModeOptions, RefreshResult } from './cron-mode.js';
export { beginMarker, binary, CrontabBlockError, endMarker, findBlock, inheritedCronTz, removeBlock, renderBlock, replaceBlock } from './block.js';
export { cronCommand, planBlock, WATCHDOG_COMMENT } from './plan.js';
export type { BlockPlan, PlanAgent, PlanInput } from './plan.js';
export { constantShift, shiftExpression } from './zones.js';
export { CrontabError, realCrontab } from './crontab-io.js';
export type { CrontabPort } from './crontab-io.js';
export { cronDaemonZone } from './system-zone.js';
