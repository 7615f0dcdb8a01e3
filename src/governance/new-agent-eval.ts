/**
 * The first drift-eval case of a new agent, in the format `nightshift eval`
 * reads (DESIGN §7): evals/<agent>/<case>/input.txt, the fixed input, and
 * case.yaml, what its output must be. Runs every week against the same input,
 * it shows when a model or prompt change moved the output.
 */
export const FIRST_CASE = 'typical-day';

export const CASE_INPUT = `08:55 - Standup: release of v2.3 moved to Thursday, QA needs one more day
09:30 - Customer call with Northwind: they want the CSV export before renewal
10:15 - Fixed the timezone bug in the invoice scheduler (PR #512)
11:40 - Reviewed the on-call handover; two pages overnight, both disk alerts
13:30 - Planning: the data team asks for read access to the events table
15:00 - Paired on the flaky login test; root cause is a shared fixture
16:45 - Wrote the postmortem draft for last week's queue outage
17:30 - Handed over to the evening on-call
`;

export function caseYaml(agent: string): string {
  return `# Drift-eval case "${FIRST_CASE}" of ${agent}: \`nightshift eval ${agent}\` runs the agent on
# input.txt (next to this file) and checks its output against the keys below.
# Add a folder per case; keep the inputs fixed so a change in output means drift.
expect_status: OK          # the STATUS the run must end with
required: []               # phrases the output must contain, e.g. ["v2.3", "postmortem"]
forbidden:                 # phrases it must never contain
  - "As an AI"
  - "I cannot"
bullets: 3                 # exact number of bullet lines
max_words: 500             # at most this many words
`;
}
