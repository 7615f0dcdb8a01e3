export { startDaemon } from './daemon.js';
export { noticeEditedDefinition, partsOf, recordEditedDefinition } from './definitions.js';
export type { DefinitionChange, DefinitionParts } from './definitions.js';
export { enableInstructions, installServiceFiles } from './install.js';
