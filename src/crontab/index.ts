export {
  cronBlockInstalled,
  cronBlockState,
  installCronBlock,
  refreshCronBlockIfInstalled,
  uninstallCronBlock,
} from './cron-mode.js';
export { beginMarker, endMarker } from './block.js';
export type { BlockPlan } from './plan.js';
export type { CrontabPort } from './crontab-io.js';
export { CRON_DAEMON_NAMES, cronDaemonSeen } from './cron-daemon.js';
export { realCrontab } from './crontab-io.js';
