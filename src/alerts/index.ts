export { foldAlerts, openAlertsByAgent } from './open-alerts.js';
export type { OpenAlert } from './open-alerts.js';
