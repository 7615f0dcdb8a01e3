/**
 * Writing files so that a crash or a full disk loses nothing: atomic
 * replacement, file locks, and the disk errors that name what was kept.
 */
export { claimName, createFileExclusively, writeFileAtomically, writeTempFile } from './atomic-write.js';
export { DiskWriteError, asDiskWriteError, diskProblem, freeSpaceFix, unnamedDiskWriteError } from './write-error.js';
export { lockFile } from './file-lock.js';
export { binPath, packageRoot } from './package-root.js';
