export { runDoctor, failingChecks } from './doctor.js';
export type { DoctorReport } from './doctor.js';
export { runChecklist } from './checklist.js';
export { describeContainment } from './containment.js';
export type { ContainmentReport } from './containment.js';
export { renderDoctor, doctorToJson } from './render.js';
export { agentsInCronBlock } from './crontab-block.js';
export { CHECK_IDS } from './types.js';
export type { AgentFacts, AgentVerdict, CheckId, CheckResult, HomeFacts } from './types.js';
