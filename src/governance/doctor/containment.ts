import {
  CONTAINMENT_ENV,
  CONTAINMENT_SETTINGS,
  type Containment,
  type ContainmentProbe,
  containmentSetting,
  probeContainment,
} from '../../runners/index.js';

/**
 * The containment runs get (DESIGN §6, `nightshift kill`), as doctor prints
 * it: found by starting a no-op process through the runs' own supervisor,
 * so it is what a run started from here gets, not a guess.
 */
export interface ContainmentReport {
  mode: Containment;
  detail: string;
}

export async function containmentReport(env: NodeJS.ProcessEnv): Promise<ContainmentReport> {
  return describeContainment(await probeContainment(env), containmentSetting(env).invalid);
}

/** Pure: the words for a probe's answer; `invalid` is an unknown NIGHTSHIFT_CONTAINMENT value. */
export function describeContainment(probe: ContainmentProbe, invalid: string | null): ContainmentReport {
  const ignored =
    invalid === null
      ? ''
      : ` (${CONTAINMENT_ENV}=${invalid} is not one of ${CONTAINMENT_SETTINGS.join(', ')}: auto is used)`;
  switch (probe.containment) {
    case 'cgroup':
      return {
        mode: 'cgroup',
        detail:
          `each run gets a cgroup of its own under ${probe.cgroupParent ?? "this process's cgroup"}; kill ends ` +
          `everything the run started with cgroup.kill${ignored}`,
      };
    case 'sweep':
      return {
        mode: 'sweep',
        detail:
          `no cgroup: ${probe.note ?? 'none could be made'}. Kill ends the run's process group, its ` +
          'descendants and every process carrying its NIGHTSHIFT_RUN_ID; ' +
          `a process that leaves its session and clears its environment can survive${ignored}`,
      };
    case 'group':
      return {
        mode: 'group',
        detail: `${probe.note ?? 'no /proc'}: kill ends the run's process group only; escaped descendants survive${ignored}`,
      };
  }
}
