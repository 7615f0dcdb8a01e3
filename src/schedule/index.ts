/**
 * The schedule room (DESIGN §5, §6, §9): the daemon and its triggers, the
 * crontab block for plain-cron users, the watchdog (`check`), the hooks
 * around a run, and the kill switches.
 */
export { daemonProcess, heartbeatIsLive, heartbeatSchema, readHeartbeat, writeHeartbeat } from './heartbeat.js';
export type { DaemonProcess, Heartbeat } from './heartbeat.js';
export { killAgent, startAll, stopAll, switchAgent } from './kill-switches.js';
export type { AgentSwitch, StopAllResult, SwitchOptions } from './kill-switches.js';
export { recordRunRequest } from './run-request.js';
export type { RunRequest } from './run-request.js';

// watchdog
export { runCheck } from './watchdog/check.js';
export type { CheckOptions, CheckResult } from './watchdog/check.js';
export { gatherFacts, lastReviews } from './watchdog/gather.js';
export { pauseOverBudget } from './watchdog/budget-pause.js';
export { checkFaultsFile, readCheckFaults, recordCheckFaults } from './watchdog/check-faults.js';
export type { CheckFaults } from './watchdog/check-faults.js';
export { AlertsLockError, withAlertsLock } from './watchdog/alerts-lock.js';

// around a run (for the harness)
export { afterRun, beforeRun } from './run-hooks.js';
export type { HookOptions, HookReport } from './run-hooks.js';

// plain cron
export {
  cronBlockInstalled,
  cronBlockState,
  defaultNightshiftArgv,
  installCronBlock,
  refreshCronBlockIfInstalled,
  uninstallCronBlock,
} from './crontab/cron-mode.js';
export type { CronBlockState, CronModeOptions, RefreshResult } from './crontab/cron-mode.js';
export { beginMarker, binary, CrontabBlockError, endMarker, findBlock, inheritedCronTz, removeBlock, renderBlock, replaceBlock } from './crontab/block.js';
export { cronCommand, planBlock, WATCHDOG_COMMENT } from './crontab/plan.js';
export type { BlockPlan, PlanAgent, PlanInput } from './crontab/plan.js';
export { constantShift, shiftExpression } from './crontab/zones.js';
export { CrontabError, realCrontab } from './crontab/crontab-io.js';
export type { CrontabPort } from './crontab/crontab-io.js';
export { cronDaemonZone } from './crontab/system-zone.js';

// the daemon
export { Daemon, DaemonRunningError, startDaemon } from './daemon/daemon.js';
export type { DaemonOptions } from './daemon/daemon.js';
export { systemClock } from './daemon/clock.js';
export type { Clock } from './daemon/clock.js';
export { streamLog } from './daemon/log.js';
export type { DaemonLog } from './daemon/log.js';
export { CronTimer } from './daemon/cron-timer.js';
export { WatchTrigger } from './daemon/watch-trigger.js';
export { WhenTrigger } from './daemon/when-trigger.js';
export { checkGlob, globToRegExp, hasGlob, watchTarget } from './daemon/glob.js';
export type { WatchTarget } from './daemon/glob.js';
export { ProcessLauncher } from './daemon/launcher.js';
export type { FireKind, LaunchedRun, Launcher } from './daemon/launcher.js';
export { catchUpDue } from './daemon/catch-up.js';
export {
  alreadyRecorded,
  changeRecord,
  claimedIn,
  diffDefinitions,
  markDefinitionSeen,
  noticeEditedDefinition,
  partsOf,
  readSeenDefinitions,
  recentChanges,
  recordDefinitionChanges,
  recordEditedDefinition,
  writeSeenDefinitions,
} from './daemon/definitions.js';
export type { DefinitionAuthor, DefinitionChange, DefinitionParts, EditOutcome, PartsByAgent } from './daemon/definitions.js';
export { serviceFiles } from './daemon/service-files.js';
export type { ServiceFiles } from './daemon/service-files.js';
export { enableInstructions, installServiceFiles } from './daemon/install.js';
