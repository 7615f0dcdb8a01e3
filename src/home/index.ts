export { agentDefaultsFrom, configSchema, loadConfig, parseConfigText } from './config.js';
export type { LoadedConfig, NightshiftConfig, PriceOverride } from './config.js';
export { openHome } from './open.js';
export type { Home } from './open.js';
export { assertAgentName, DEFAULT_HOME_DIRNAME, expandTilde, homePaths, isAgentName, resolveHome } from './paths.js';
export type { HomePaths } from './paths.js';
export { initHome } from './init.js';
export type { InitResult } from './init.js';
export { shellQuote } from './templates/disable-script.js';
