/**
 * The sections of an agent's prompt, for the checks that read it: the one
 * reading lives in the agents room (src/agents/prompt-sections.ts), where
 * the template-text rule `validate` applies reads it too.
 */
export { findSection, markFences, promptSections, topLevelBullets } from '../../agents/index.js';
export type { PromptLine, PromptSection } from '../../agents/index.js';
