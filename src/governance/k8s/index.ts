export { exportK8s, RUN_MARGIN_S } from './export.js';
export type { K8sExport, K8sExportInput } from './export.js';
export type { K8sObject, K8sTarget } from './cronjob.js';
export { HOME_MOUNT, TTL_AFTER_FINISHED_S } from './cronjob.js';
export { CRONJOB_NAME_MAX, cronJobNames, DNS_1123_LABEL, WATCHDOG_NAME } from './names.js';
export { LABEL_VALUE, labelValue } from './labels.js';
export { renderK8sYaml } from './render.js';
