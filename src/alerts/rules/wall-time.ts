// The one time format for people lives in src/shared/time/wall-format.ts; alerts and the daemon reach it through here too.
export { formatWall } from '../../shared/index.js';
