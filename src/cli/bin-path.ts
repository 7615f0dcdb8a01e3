export { binPath } from '../home/package-root.js';
