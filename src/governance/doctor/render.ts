import type { DoctorReport } from './doctor.js';
import type { CheckResult } from './types.js';

/** Pass/fail lines per agent; each failure followed by its fix, indented so it can be copied whole. */
function indent(text: string, by: string): string {
  return text
    .split('\n')
    .map((line) => `${by}${line}`)
    .join('\n');
}

function checkLines(check: CheckResult): string {
  const mark = check.ok ? 'pass' : 'FAIL';
  const [first, ...rest] = check.detail.split('\n');
  const head = `  ${mark}  ${check.id.padEnd(15)} ${check.title}: ${first}`;
  const more = rest.length > 0 ? `\n${indent(rest.join('\n'), '                        ')}` : '';
  const fix = !check.ok && check.fix ? `\n        fix:\n${indent(check.fix, '          ')}` : '';
  return `${head}${more}${fix}`;
}

export function renderDoctor(report: DoctorReport): string {
  const out: string[] = [];
  for (const agent of report.agents) {
    const failing = agent.checks.filter((c) => !c.ok).length;
    out.push(`${agent.agent}: ${agent.ok ? 'ready' : `${failing} problem${failing === 1 ? '' : 's'}`}`);
    for (const check of agent.checks) out.push(checkLines(check));
    out.push('');
  }
  const failing = report.agents.filter((a) => !a.ok).map((a) => a.agent);
  out.push(
    failing.length === 0
      ? `all ${report.agents.length} agents pass the checklist`
      : `${failing.length} of ${report.agents.length} agents are not ready: ${failing.join(', ')}`,
  );
  out.push(`containment: ${report.containment.mode} (${report.containment.detail})`);
  out.push(`scheduler: ${report.scheduler.text}`);
  for (const note of report.notes) out.push(`note: ${note}`);
  return out.join('\n');
}

export function doctorToJson(report: DoctorReport): unknown {
  return {
    at: report.at,
    home: report.home,
    ok: report.ok,
    agents: report.agents.map((a) => ({
      agent: a.agent,
      file: a.file,
      ok: a.ok,
      failing: a.checks.filter((c) => !c.ok).map((c) => c.id),
      checks: a.checks.map((c) => ({
        id: c.id,
        ok: c.ok,
        title: c.title,
        detail: c.detail,
        ...(c.fix ? { fix: c.fix } : {}),
      })),
    })),
    notes: report.notes,
    containment: report.containment,
    scheduler: report.scheduler,
  };
}
