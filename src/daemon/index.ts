export { startDaemon } from './daemon.js';
export { noticeEditedDefinition, partsOf, recordEditedDefinition } from './definitions.js';
export type { DefinitionChange, DefinitionParts } from './definitions.js';
export { enableInstructions, installServiceFiles } from './install.js';
export { DEFAULT_WEBHOOK_LISTEN } from './daemon.js';
export { liveWebhookAddress } from './webhook/where.js';
export {
  describeRefusals,
  readWebhookCounts,
  refusedTotal,
  webhookLines,
  type AgentHookCounts,
  type WebhookCounts,
} from './webhook/counts.js';
export { REPLAY_WINDOW_MS, SIGNATURE_HEADER, signBody, TIMESTAMP_HEADER } from './webhook/sign.js';
