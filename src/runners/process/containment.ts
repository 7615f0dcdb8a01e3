import { createRunCgroup } from './cgroup.js';
import { CONTAINMENT_ENV, type Containment, containmentSetting } from './cgroup-paths.js';
import { procAvailable } from './proc-table.js';

/**
 * How a process about to be started will be contained: in a cgroup of its
 * own (made here, still empty), or, where none can be made, by the sweep
 * (its process group, its descendants, and every process carrying its run
 * id in /proc), or without /proc by its process group alone. `note` says
 * why it is not a cgroup.
 */
export type ContainmentPlan =
  | { containment: 'cgroup'; cgroup: string; note: null }
  | { containment: Exclude<Containment, 'cgroup'>; cgroup: null; note: string };

export function planContainment(runId: string, env: NodeJS.ProcessEnv): ContainmentPlan {
  if (!procAvailable)
    return { containment: 'group', cgroup: null, note: 'there is no /proc here: a kill ends the process group only' };
  if (containmentSetting(env).setting === 'sweep')
    return { containment: 'sweep', cgroup: null, note: `${CONTAINMENT_ENV}=sweep asks for no cgroup` };
  const made = createRunCgroup(runId);
  return made.ok
    ? { containment: 'cgroup', cgroup: made.dir, note: null }
    : { containment: 'sweep', cgroup: null, note: made.reason };
}

/** The plan after the move into the cgroup failed: the cgroup is given up, the sweep remains. */
export function sweepInstead(reason: string): ContainmentPlan {
  return { containment: 'sweep', cgroup: null, note: reason };
}
