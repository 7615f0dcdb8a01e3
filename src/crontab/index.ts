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
