/**
 * The shared vocabulary (the bottom room): statuses and their severity,
 * money, who the user is, the record formats nightshift writes, and the
 * small pure rules every room answers the same way. Imports no other room.
 */
export * from './statuses.js';
export * from './money.js';
export * from './user.js';
export * from './scheduler-health.js';
export * from './format.js';
export * from './iso-time.js';
export * from './records.js';
