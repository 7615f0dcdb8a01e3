import { loadParsers } from '../../agents/index.js';
import type { K8sObject } from './cronjob.js';

/** One YAML stream, a document per object, `kubectl apply -f -` ready; no anchors, so each object reads alone. */
export async function renderK8sYaml(objects: readonly K8sObject[], header: string): Promise<string> {
  // yaml is heavy: loaded by the one command that prints YAML, not with the governance room
  const { stringifyYaml: stringify } = await loadParsers();
  const comment = header
    .split('\n')
    .map((line) => `# ${line}`.trimEnd())
    .join('\n');
  const documents = objects.map((object) => stringify(object, { lineWidth: 0, aliasDuplicateObjects: false }));
  return `${comment}\n${documents.map((doc) => `---\n${doc}`).join('')}`;
}
