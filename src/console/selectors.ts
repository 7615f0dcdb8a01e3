/** View models for the components, computed from the state (the FleetSnapshot and the loaded trail data). */
export * from './selectors/cells.js';
export * from './selectors/columns.js';
export * from './selectors/fleet.js';
export * from './selectors/header.js';
export * from './selectors/agent.js';
export * from './selectors/alerts.js';
export * from './selectors/costs.js';
export * from './selectors/review.js';
export * from './selectors/help.js';
export * from './selectors/runbook.js';
export * from './selectors/text.js';
export * from './selectors/footer.js';
export * from './selectors/footer-keys.js';
export * from './selectors/scroll.js';
export * from './selectors/fleet-layout.js';
