export { binPath } from '../files/index.js';
