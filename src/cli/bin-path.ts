export { binPath } from '../home/index.js';
