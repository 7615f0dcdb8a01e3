import { foldAlerts } from '../alerts/index.js';
import { type AlertEvent, RUN_STATUSES, type RunRecord, SKIP_REASONS } from '../journal/index.js';
import { DEMO_EVAL_AGENTS } from './evals.js';
import type { DemoFleet } from './fleet.js';

/**
 * fixtures/demo-home.expect.json: what the demo home is known to contain, so
 * the doctor, console and tmux tests read names from here instead of
 * hard-coding them. Everything derivable is derived from the generated
 * files; only the planted readiness problems are stated, because they are
 * the point of the fixture.
 */
export const DOCTOR_CHECKS = ['stop_conditions', 'protocol', 'limits', 'read_only', 'owner', 'runbook', 'budget', 'review', 'evals', 'alert_channel', 'risk'] as const;
export type DoctorCheck = (typeof DOCTOR_CHECKS)[number];

/** The deliberate production-readiness problems; every other check passes for every valid agent. */
export const PLANTED_PROBLEMS: Record<string, DoctorCheck[]> = {
  'queue-depth-responder': ['runbook'], // no runbooks/queue-depth-responder.md
  'error-log-watcher': ['stop_conditions'], // two stop conditions, not three
  'research-digest': ['risk'], // no risk block at all
  'ticket-monitor': ['limits'], // limits.output_bytes left to the home default
  'weekly-metrics': ['review'], // last review mark three weeks ago, cadence weekly
  'sales-pipeline': ['read_only'], // Bash with writes: true, but no month of OK runs
};

/** Agents without eval cases (all but DEMO_EVAL_AGENTS) fail this one. */
export const EVERYONE_FAILS: DoctorCheck[] = ['evals'];

export interface DemoManifest {
  generated_by: string;
  seed: number;
  now: string;
  timezone: string;
  agents: string[];
  doctor: Record<string, DoctorCheck[]>;
  doctor_checks: readonly DoctorCheck[];
  failed_last_night: string;
  drifting_cost: string;
  paused: string[];
  disabled: string[];
  invalid: string[];
  invalid_first_error: Record<string, string>;
  review_overdue: string[];
  manual_only: string[];
  without_runbook: string[];
  open_alerts: string[];
  missed: string[];
  statuses_covered: string[];
  skip_reasons_covered: string[];
  skip_reason_format: string;
  prompt_format: string;
  counts: Record<string, number>;
}

export function demoManifest(input: {
  seed: number;
  now: Date;
  fleet: DemoFleet;
  runs: RunRecord[];
  alerts: AlertEvent[];
  state: { agents: Record<string, { state: string }> };
  runbooks: string[];
  counts: Record<string, number>;
}): DemoManifest {
  const { fleet } = input;
  const doctor: Record<string, DoctorCheck[]> = {};
  for (const agent of fleet.agents) {
    const hasEvals = (DEMO_EVAL_AGENTS as readonly string[]).includes(agent.name);
    const failing = new Set<DoctorCheck>([...(PLANTED_PROBLEMS[agent.name] ?? []), ...(hasEvals ? [] : EVERYONE_FAILS)]);
    doctor[agent.name] = DOCTOR_CHECKS.filter((check) => failing.has(check));
  }
  const statuses = new Set(input.runs.map((run) => run.status));
  const skipReasons = new Set(input.runs.filter((run) => run.status === 'SKIPPED').map((run) => run.reason?.split(':')[0] ?? ''));
  const open = [...foldAlerts(input.alerts).keys()].sort();
  const lastRun = (agent: string) => input.runs.filter((run) => run.agent === agent && run.status !== 'SKIPPED').at(-1);
  return {
    generated_by: 'src/demo/make-fixtures.ts (npm run fixtures)',
    seed: input.seed,
    now: input.now.toISOString(),
    timezone: fleet.timezone,
    agents: fleet.texts.map((t) => t.name),
    doctor,
    doctor_checks: DOCTOR_CHECKS,
    failed_last_night: 'inbox-digest',
    drifting_cost: 'research-digest',
    paused: names(input.state, 'paused'),
    disabled: names(input.state, 'disabled'),
    invalid: fleet.invalid.map((i) => i.name),
    invalid_first_error: Object.fromEntries(fleet.invalid.map((i) => [i.name, i.firstError])),
    review_overdue: Object.entries(PLANTED_PROBLEMS).filter(([, checks]) => checks.includes('review')).map(([name]) => name),
    manual_only: fleet.agents.filter((a) => !a.trigger).map((a) => a.name),
    without_runbook: fleet.texts.map((t) => t.name).filter((name) => !input.runbooks.includes(name)),
    open_alerts: open,
    missed: [...new Set(input.alerts.filter((a) => a.rule === 'missed').map((a) => a.key))],
    statuses_covered: RUN_STATUSES.filter((s) => statuses.has(s)),
    skip_reasons_covered: SKIP_REASONS.filter((r) => skipReasons.has(r)),
    skip_reason_format: `<${SKIP_REASONS.join('|')}>: <who, since when, why>`,
    prompt_format:
      'sections are level-1 headings (# Identity, # Capability, # Scope lock, # Output format, # Stop conditions); the output format is a fenced block whose own headings are not sections; stop conditions are the "- " lines under # Stop conditions',
    counts: input.counts,
    ...checkLastNight(lastRun('inbox-digest')),
  };
}

function names(state: { agents: Record<string, { state: string }> }, mode: string): string[] {
  return Object.entries(state.agents)
    .filter(([, entry]) => entry.state === mode)
    .map(([name]) => name)
    .sort();
}

/** The manifest states what the story promises; this refuses to write it if the history says otherwise. */
function checkLastNight(run: RunRecord | undefined): Record<string, never> {
  if (!run || run.status === 'OK') throw new Error('demo story: inbox-digest was meant to fail this morning');
  return {};
}
