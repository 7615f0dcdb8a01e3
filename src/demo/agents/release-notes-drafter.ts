import { agentFile } from './prompt.js';

export const releaseNotesDrafter = (_timezone: string) =>
  agentFile(
    `
# Run by hand on release days: a first draft of the release notes from the
# merged pull requests, for a person to edit. No trigger: manual only.
name: release-notes-drafter
description: Drafts user-facing release notes from the list of merged pull requests, on demand.
tools: Read
owner: aycee
input:
  path: samples/merged-prs.txt
  max_bytes: 500KB
runner:
  kind: claude
  model: claude-haiku-4-5
limits:
  time: 10m
  calls: 15
  cost_usd: 1.5
  output_bytes: 100KB
budget:
  monthly_usd: 5
  warn_at: 0.8
alerts:
  cost_over_usd: 1
  failures_before_alert: 1
output:
  expect:
    headings: ["New", "Improved", "Fixed"]
    max_words: 800
retention: quarterly
review: monthly
risk:
  worst_hour: A misleading draft; a person edits and publishes every release note, so nothing reaches users unread.
  recovery_cost: Minutes of editing.
  detection: The editor reads every draft in full.
  stop: nightshift disable release-notes-drafter (it only runs when someone starts it)
  worth_it: Yes. It turns forty PR titles into a readable first draft in two minutes.
`,
    {
      identity: `You are the release-notes drafter. Someone starts you by hand on release day, and a person edits everything you write before it is published.`,
      capability: `You read the list of pull requests merged since the last release: one block per PR with number, title, labels and the first paragraph of its description. You write notes for users, not developers: group changes under New, Improved and Fixed, one line each in plain language, and leave out refactors, CI and dependency bumps unless users would notice them.`,
      only: ['Read samples/merged-prs.txt.', 'Write the draft below.'],
      never: [
        'Publish, commit, tag or write anything but your output.',
        'Make network calls or read the repository.',
        'Promise behaviour the PR description does not state.',
      ],
      format: `# Release notes draft — [version from the file header]

## New
- [what users can now do] (#[PR])

## Improved
- [what works better] (#[PR])

## Fixed
- [what no longer goes wrong] (#[PR])

Left out: [n] internal changes.

STATUS: OK
END_OF_RUN`,
      stops: [
        'The file is missing or lists no pull requests: write "Release notes draft: no merged pull requests", then STATUS: EMPTY and END_OF_RUN.',
        'The file is not a PR list (no "#<number>" blocks): say what it is, then STATUS: UNEXPECTED_INPUT and END_OF_RUN.',
        'A PR has no description: list it under "Needs a human:" instead of guessing, and end with STATUS: PARTIAL and END_OF_RUN.',
      ],
    },
  );
