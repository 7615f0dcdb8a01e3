import type { Renderer } from './common.js';
import { harnessEmpty, numbered, trailer } from './common.js';

const ACT = [
  'billing@hetzner.com — Invoice overdue, suspension announced: pay today or servers go offline Wednesday',
  'lea.brandt@kundenwerk.de — SSO rollout blocked: their IT needs the SAML metadata URL today',
  'security@github.com — New SSH key added to your account: confirm it was you',
  'mona@kundenwerk.de — Invoice shows 14 seats, they have 12: customer waiting on a corrected invoice',
  'jo@ourteam.dev — Reboot of demo-host tonight needs your OK before 18:00',
  'accounts@aws.amazon.com — Payment method declined: update it before the 3rd',
  'legal@kundenwerk.de — DPA signature needed for the renewal, deadline today',
  'sam@ourteam.dev — Prod deploy is waiting for your approval in CI',
  'it-support@0urteam-dev.com — Asks you to "confirm your password" via a link (check: possible phishing)',
  'payroll@ourteam.dev — Approve November hours before noon',
  'noreply@letsencrypt.org — Certificate for api.ourteam.dev expires in 3 days',
  'tom@ourteam.dev — Customer escalation: Nordlicht Media cannot export invoices',
];
const REPLY = [
  'martin@freelance-design.io — Landing page drafts v2: wants feedback by Friday',
  'sam@ourteam.dev — Churn predictor draft: asks for a prompt review',
  'recruiting@bigco.example — Asks for a 20-minute call about a platform role',
  'nina@ourteam.dev — Proposal for the Q1 pricing test, wants comments',
  'events@meetup-berlin.example — Invites you to speak at the January meetup',
  'olaf@ourteam.dev — Asks whether the sales stand-up can move to 09:00',
  'accountant@steuerbuero.example — Needs the receipts for October',
  'lea.brandt@kundenwerk.de — Follow-up on the training session dates',
  'jo@ourteam.dev — Wants a decision on the on-call rotation for December',
  'editor@devblog.example — Guest post draft: second round of edits',
];
const FYI = [
  'noreply@statuspage.io — Anthropic API incident overnight, resolved',
  'calendar@google.com — Quarterly agent review moved to Thursday 14:00',
  'notifications@linear.app — ENG-1142 payments rounding bug moved to In Progress',
  'ci@github.com — Nightly e2e failed on main (2 failures, known flaky)',
  'support@1password.com — Teams invoice paid',
  'no-reply@ing.de — November account statement available',
  'notifications@linear.app — ENG-1139 flaky auth test assigned to you',
  'accounts@aws.amazon.com — Free tier usage at 85% for S3',
  'hr@ourteam.dev — Office closed on 24 December',
  'sam@ourteam.dev — Notes from the Monday review',
  'ops@ourteam.dev — Backup restore test passed',
  'jo@ourteam.dev — Ollama upgraded to the latest release on demo-host',
  'noreply@github.com — Dependabot opened 3 pull requests',
];
const NOISE = ['newsletter@tldr.tech', 'digest@substack.com', 'noreply@medium.com', 'hello@figma.com', 'jobs@wellfound.com', 'events@aiengineer.example', 'no-reply@slack.com', 'news@producthunt.com', 'marketing@saas-tool.example', 'updates@notion.so', 'team@zapier.com', 'noreply@youtube.com'];

export const inboxDigest: Renderer = (ctx) => {
  const { rng } = ctx;
  if (ctx.status === 'EMPTY') return harnessEmpty(`Inbox digest — ${ctx.date}: no mail yesterday`);
  if (ctx.status === 'TOOL_FAILED') {
    return `# Inbox digest — ${ctx.date}\n\nRead of ${ctx.inputFile} failed twice: EACCES: permission denied. The export is owned by root since last night's export job; nothing was classified.\n\n${trailer('TOOL_FAILED')}`;
  }
  if (ctx.status !== 'OK') return null;
  if (ctx.variant === 'quiet') {
    const fyi = rng.sample(FYI, 2);
    return `# Inbox digest — ${ctx.date} (2 messages)\n\n## Act today\n(none)\n\n## Reply this week\n(none)\n\n## FYI\n${fyi.map((m) => `- ${m}`).join('\n')}\n\n## Noise\n(none)\n\n${trailer('OK')}`;
  }
  const act = rng.sample(ACT, rng.int(1, 4));
  const reply = rng.sample(REPLY, rng.int(2, 5));
  const fyi = rng.sample(FYI, rng.int(3, 7));
  const storm = ctx.variant === 'storm';
  const noiseCount = storm ? rng.int(900, 1400) : rng.int(14, 46);
  const total = act.length + reply.length + fyi.length + noiseCount;
  const noise = storm
    ? `${noiseCount} notifications, of which ${noiseCount - rng.int(20, 45)} are copies of the same "Re: [all-hands] parking" thread from lists@ourteam.dev (a mailing-list loop; it is still going).`
    : `${noiseCount} newsletters and notifications, e.g. ${rng.sample(NOISE, 3).join(', ')}.`;
  return `# Inbox digest — ${ctx.date} (${total} messages)

## Act today
${numbered(act)}

## Reply this week
${numbered(reply)}

## FYI
${fyi.map((m) => `- ${m}`).join('\n')}

## Noise
${noise}

${trailer('OK')}`;
};
