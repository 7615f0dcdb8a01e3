import type { Clock } from './clock.js';
import type { Rng } from './prng.js';

/**
 * The input files the demo agents read (samples/…): one current snapshot
 * each, dated around "now", so running an agent on a copy of the demo home
 * gives a sensible result. The history in runs.jsonl describes many past
 * versions of these files; only the latest is kept, as on a real host.
 */
export function demoSamples(clock: Clock, rng: Rng): Array<{ path: string; content: string }> {
  return [
    { path: 'samples/daily-log.txt', content: DAILY_LOG },
    { path: 'samples/metrics-export.csv', content: metricsExport(clock, rng) },
    { path: 'samples/inbox/export.txt', content: inboxExport(clock) },
    { path: 'samples/app-errors/current.log', content: errorLog(clock, rng, 0, 14) },
    { path: `samples/app-errors/${clock.day(-1)}.log`, content: errorLog(clock, rng, -1, 40) },
    { path: 'samples/queue.txt', content: queueFile(clock, rng) },
    { path: 'samples/research-feed.md', content: researchFeed(clock) },
    { path: 'samples/tickets-export.csv', content: ticketsExport(clock, rng) },
    { path: 'samples/crm-pipeline.csv', content: crmExport(clock, rng) },
    { path: 'samples/merged-prs.txt', content: MERGED_PRS },
    { path: 'samples/customers.csv', content: customers(rng) },
  ];
}

const DAILY_LOG = `08:40 - Read the inbox digest, answered the two "Act today" mails
09:15 - Deployed v1.43 of the billing service to production
09:45 - Stand-up: payments rounding bug still open, Jo on it
10:30 - Reviewed PR #512 (retry budget for webhook delivery), approved with one nit
11:30 - 1:1 with Sam about the churn-predictor draft
13:00 - Lunch
14:00 - Chased the flaky auth test: a race between token refresh and logout
15:20 - Wrote the design note for moving research-digest to a cheaper model
16:10 - Paired with Jo on the payments rounding bug; fix is a half-even rounding mode
17:30 - Updated the runbook for inbox-digest with the newsletter-flood advice
18:05 - Wrapped up, handed the pager to Sam
`;

function metricsExport(clock: Clock, rng: Rng): string {
  const rows = ['date,signups,active_users,trials_started,trials_converted,mrr_eur,churned_accounts,p95_latency_ms,support_tickets'];
  let mrr = 48_200;
  for (let offset = -14; offset <= -1; offset++) {
    const day = clock.day(offset);
    const weekend = [0, 6].includes(new Date(`${day}T12:00:00Z`).getUTCDay());
    const signups = rng.int(weekend ? 18 : 42, weekend ? 30 : 71);
    mrr += rng.int(-90, 260);
    rows.push(
      [
        day,
        signups,
        rng.int(weekend ? 2100 : 3900, weekend ? 2600 : 4600),
        rng.int(weekend ? 6 : 14, weekend ? 12 : 26),
        rng.int(2, 9),
        mrr,
        rng.int(0, 3),
        rng.int(180, offset === -3 ? 610 : 290),
        rng.int(weekend ? 4 : 12, weekend ? 11 : 31),
      ].join(','),
    );
  }
  return `${rows.join('\n')}\n`;
}

const MAIL: Array<[string, string, string]> = [
  ['billing@hetzner.com', 'Invoice 084412 overdue — service suspension on Wednesday', 'Your invoice from 1 November is 21 days overdue. Servers will be suspended on 25 November unless…'],
  ['lea.brandt@kundenwerk.de', 'Re: SSO rollout — blocked on the SAML metadata', 'We still cannot log in with SSO; IT says they need the metadata URL from you today if possible.'],
  ['security@github.com', '[GitHub] A new SSH key was added to your account', 'A new public key was added to aycee. If you did not add it, remove it immediately.'],
  ['noreply@statuspage.io', 'Anthropic API: elevated error rates (resolved)', 'This incident has been resolved. Between 02:10 and 02:55 UTC some requests returned 529.'],
  ['martin@freelance-design.io', 'Landing page drafts v2', 'Attached the second round. Could you give feedback by Friday so I can finish before December?'],
  ['sam@ourteam.dev', 'Churn predictor: can you look at the draft?', 'Pushed a first version of the agent file; validate complains but I wanted your eyes on the prompt first.'],
  ['accounts@aws.amazon.com', 'Your AWS Free Tier usage alert', 'You have used 85% of the free tier for Amazon S3 storage this month.'],
  ['newsletter@tldr.tech', 'TLDR AI: agents that check their own work', 'Today: a new eval harness for tool-using agents, cheaper long context, and more.'],
  ['digest@substack.com', 'The week in LLM ops', 'Five posts from writers you follow.'],
  ['notifications@linear.app', '[ENG-1142] Payments rounding bug moved to In Progress', 'Jo moved the issue to In Progress.'],
  ['notifications@linear.app', '[ENG-1139] Flaky auth test assigned to you', 'Sam assigned the issue to you.'],
  ['calendar@google.com', 'Invitation: Quarterly agent review (Thu 14:00)', 'Sam invited you. Agenda: registry walk-through, costs, what to retire.'],
  ['no-reply@ing.de', 'Ihr Kontoauszug ist verfügbar', 'Ihr Kontoauszug für November steht im Online-Banking bereit.'],
  ['it-support@0urteam-dev.com', 'Action required: confirm your password within 24 hours', 'Your mailbox will be closed unless you confirm your password at the link below.'],
  ['hello@figma.com', 'What is new in Figma this month', 'Variables for prototyping, faster multiplayer, and a new plugin API.'],
  ['jobs@wellfound.com', '12 new startup jobs matching your profile', 'Staff engineer roles in Berlin and remote.'],
  ['recruiting@bigco.example', 'Quick chat about a platform role?', 'Would you be open to a 20-minute call this week about our agent platform team?'],
  ['jo@ourteam.dev', 'Ollama box: OK to reboot Tuesday night?', 'Kernel update pending on demo-host. I would reboot Tuesday 22:00 unless the nightly runs need it.'],
  ['noreply@medium.com', 'Stories for you', 'Based on your reading history.'],
  ['support@1password.com', 'Your 1Password Teams invoice', 'Thank you for your payment of EUR 23.94.'],
  ['events@aiengineer.example', 'Last chance: early-bird tickets end tonight', 'Save 40% on the AI Engineer Summit.'],
  ['ci@github.com', '[ourteam/api] Run failed: nightly / e2e (main)', 'The nightly e2e job failed on main: 2 failing, 311 passed.'],
  ['mona@kundenwerk.de', 'Invoice question', 'The November invoice lists 14 seats, we have 12. Can you check?'],
  ['no-reply@slack.com', 'You have 37 unread messages in #incidents', 'Catch up on what you missed.'],
];

function inboxExport(clock: Clock): string {
  const day = clock.day(-1);
  return `${MAIL.map(([from, subject, body], i) => {
    const hour = String(7 + Math.floor((i * 13) / MAIL.length)).padStart(2, '0');
    const minute = String((i * 17) % 60).padStart(2, '0');
    return `=== message ${i + 1} ===\nFrom: ${from}\nTo: aycee@ourteam.dev\nDate: ${day}T${hour}:${minute}:00+01:00\nSubject: ${subject}\n\n${body}\n`;
  }).join('\n')}`;
}

const ERRORS: Array<[string, string, string]> = [
  ['ERROR', 'checkout-service', 'PaymentGatewayTimeout: upstream adyen did not answer within 30000ms (order 88231)'],
  ['ERROR', 'checkout-service', 'PaymentGatewayTimeout: upstream adyen did not answer within 30000ms (order 88240)'],
  ['WARN', 'api-gateway', 'RateLimitExceeded: client 7f3e exceeded 600 req/min on /v2/search'],
  ['ERROR', 'mailer', 'SMTPRecipientRefused: 550 5.1.1 <ops@kundenwerk.de> user unknown'],
  ['ERROR', 'auth-service', 'TokenRefreshRace: refresh token already rotated for session s-41b2'],
  ['WARN', 'worker-invoices', 'SlowQuery: invoices_by_account took 4120ms (threshold 1000ms)'],
  ['ERROR', 'worker-invoices', 'PdfRenderError: font "Inter-SemiBold" not found, falling back to default'],
  ['ERROR', 'search-indexer', 'ConnectionResetError: opensearch:9200 reset by peer during bulk index'],
];

function errorLog(clock: Clock, rng: Rng, offset: number, lines: number): string {
  const out = [`# --- rotated ${clock.day(offset)} 00:00 ---`];
  const start = clock.at(offset, '00:05').getTime();
  const end = offset === 0 ? clock.now.getTime() - 10 * 60_000 : clock.at(offset, '23:50').getTime();
  const times = Array.from({ length: lines }, () => start + rng.next() * (end - start)).sort((a, b) => a - b);
  for (const t of times) {
    const [level, service, message] = rng.pick(ERRORS);
    out.push(`${new Date(t).toISOString()} ${level} ${service} ${message}`);
  }
  return `${out.join('\n')}\n`;
}

function queueFile(clock: Clock, rng: Rng): string {
  const types = ['invoice-pdf', 'invoice-pdf', 'webhook-deliver', 'search-reindex', 'email-send', 'export-csv'];
  const end = clock.now.getTime() - 60_000;
  const times = Array.from({ length: 64 }, () => end - rng.int(30, 95 * 60) * 1000).sort((a, b) => a - b);
  return `${times.map((t) => `${new Date(t).toISOString().replace(/\.\d{3}Z$/, 'Z')} ${rng.pick(types)} job-${rng.uuid().slice(0, 6)}`).join('\n')}\n`;
}

const PAPERS: Array<[string, string, string]> = [
  ['Budgeted Agents: Enforcing Cost Ceilings Outside the Model', 'arXiv cs.SE', 'We compare in-prompt budgets with harness-enforced limits across 1,200 unattended agent runs and find prompt-only budgets exceeded in 17% of runs.'],
  ['When Do Tool-Using Agents Stop? Termination Signals in the Wild', 'arXiv cs.CL', 'An analysis of explicit end-of-run markers and their failure modes in open-source agent frameworks.'],
  ['Silent Failures in Scheduled LLM Pipelines', 'blog: Honeycomb', 'Output-size monitoring caught 9 of 11 incidents that exit codes missed.'],
  ['Drift Without Change: Measuring Provider-Side Model Updates', 'arXiv cs.LG', 'Weekly fixed-input evaluations detect behavioural shifts in hosted models with no version change.'],
  ['Cheaper Long Context via Prompt Caching: A Field Report', 'blog: Anthropic', 'Cache reads cut the cost of repeated system prompts by an order of magnitude in batch workloads.'],
  ['A Survey of Prompt Injection Through Email', 'arXiv cs.CR', 'We catalogue 48 injection patterns found in real inboxes processed by assistant agents.'],
  ['Mixture-of-Depths for Small Language Models', 'arXiv cs.LG', 'Dynamic compute allocation at 1B parameters.'],
  ['Scaling Laws for Retrieval-Augmented Code Models', 'arXiv cs.LG', 'Retrieval helps less than expected beyond 7B parameters.'],
  ['Diffusion Transformers for Tabular Data', 'arXiv cs.LG', 'A generative model for synthetic tables.'],
  ['On the Calibration of Judge Models', 'arXiv cs.CL', 'LLM-as-judge scores are overconfident on long outputs; we propose a simple correction.'],
  ['Graph Neural Networks for Chip Placement, Revisited', 'arXiv cs.LG', 'A reproduction study.'],
  ['Federated Fine-Tuning Under Heterogeneous Clients', 'arXiv cs.LG', 'Convergence bounds for non-IID data.'],
  ['Operating 40 Background Agents: What Broke', 'blog: a fintech engineering team', 'Runaway loops, missed schedules and a budget that nobody owned.'],
  ['Quantization-Aware Training for 4-bit Inference', 'arXiv cs.LG', 'Recovering accuracy lost to aggressive quantization.'],
  ['Tool-Call Loops: Detection and Early Stopping', 'arXiv cs.AI', 'Repeated identical tool calls predict runaway runs with 0.93 precision.'],
  ['Energy Use of Local vs Hosted Inference', 'blog: a hardware review site', 'An 8B model on a workstation GPU versus an API call, per thousand tokens.'],
];

function researchFeed(clock: Clock): string {
  const entries = PAPERS.map(([title, source, abstract]) => `## ${title}\nsource: ${source} · received ${clock.day(-1)}\n\n${abstract}\n`);
  return `# Research feed — ${clock.day(-1)} to ${clock.day(0)}\n\n${entries.join('\n')}`;
}

function ticketsExport(clock: Clock, rng: Rng): string {
  const customers = ['Kundenwerk GmbH', 'Nordlicht Media', 'Fahrradladen Kiez', 'Studio Acht', 'Brandt & Söhne', 'Pixelhafen', 'Grünfläche e.V.', 'Lumen Labs'];
  const subjects = ['SSO login loops back to the start page', 'Invoice shows wrong seat count', 'Export to CSV times out', 'Webhook deliveries delayed', 'Cannot invite new member', 'Search returns stale results', 'Password reset mail never arrives', 'API 429 although under plan limit'];
  const rows = ['id,customer,plan,priority,created_at,last_customer_reply_at,last_agent_reply_at,assignee,subject'];
  for (let i = 0; i < 18; i++) {
    const created = new Date(clock.now.getTime() - rng.int(2, 96) * 3_600_000);
    const reply = new Date(created.getTime() + rng.int(0, 20) * 3_600_000);
    const answered = rng.chance(0.6);
    rows.push(
      [
        4400 + i * 3 + rng.int(0, 2),
        `"${rng.pick(customers)}"`,
        rng.pick(['Business', 'Team', 'Team', 'Starter']),
        rng.pick(['high', 'normal', 'normal', 'low']),
        created.toISOString(),
        (reply < clock.now ? reply : created).toISOString(),
        answered ? new Date(created.getTime() + rng.int(1, 6) * 3_600_000).toISOString() : '',
        answered ? rng.pick(['mia', 'tom']) : '',
        `"${rng.pick(subjects)}"`,
      ].join(','),
    );
  }
  return `${rows.join('\n')}\n`;
}

function crmExport(clock: Clock, rng: Rng): string {
  const accounts = ['Kundenwerk', 'Nordlicht Media', 'Hafenlogistik', 'Studio Acht', 'Lumen Labs', 'Brandt & Söhne', 'Pixelhafen', 'Alpenblick Hotels', 'Stadtwerke Nord', 'Kiezkaffee', 'Terra Solar', 'Moosgrün'];
  const stages = ['lead', 'qualified', 'demo', 'proposal', 'negotiation', 'closed_won', 'closed_lost'];
  const rows = ['id,account,owner,stage,amount_eur,close_date,last_activity_at,stage_changed_at'];
  accounts.forEach((account, i) => {
    const lastActivity = new Date(clock.now.getTime() - rng.int(1, 30) * 86_400_000);
    rows.push(
      [
        `D-${2100 + i * 7}`,
        `"${account}"`,
        rng.pick(['sam', 'nina', 'olaf']),
        rng.pick(stages),
        rng.int(8, 120) * 500,
        clock.day(rng.int(5, 80)),
        lastActivity.toISOString(),
        new Date(lastActivity.getTime() - rng.int(0, 10) * 86_400_000).toISOString(),
      ].join(','),
    );
  });
  return `${rows.join('\n')}\n`;
}

const MERGED_PRS = `# Merged since v1.42 (release v1.43)

#498 Retry budget for webhook delivery
labels: feature, webhooks
Failed webhook deliveries are retried with exponential backoff for up to 24 hours instead of three immediate retries.

#501 Bump eslint to 9.x
labels: chore, deps
No user-facing change.

#503 CSV export streams rows instead of building the file in memory
labels: improvement, exports
Exports of more than 100k rows no longer time out.

#505 Fix rounding of VAT on invoices with mixed rates
labels: bug, billing
Invoices with items at 7% and 19% VAT now round each line half-even, matching the tax office's examples.

#507 SSO: accept SAML metadata by URL
labels: feature, sso
Admins can paste a metadata URL instead of uploading the XML; it is refreshed daily.

#509 Refactor the search indexer's retry loop
labels: refactor
Internal cleanup.

#512 Show seat usage on the billing page
labels: feature, billing
Admins see used and paid seats side by side.

#514 Fix password reset mails not sent to addresses with a plus sign
labels: bug, auth

#515 CI: cache Playwright browsers
labels: ci
`;

function customers(rng: Rng): string {
  const rows = ['account,plan,seats,wau_w1,wau_w2,wau_w3,wau_w4,wau_w5,wau_w6,wau_w7,wau_w8'];
  for (let i = 0; i < 14; i++) {
    const base = rng.int(5, 80);
    const fall = rng.chance(0.3) ? 0.55 : 0.98;
    const weeks = Array.from({ length: 8 }, (_, w) => Math.max(0, Math.round(base * fall ** w + rng.int(-2, 2))));
    rows.push([`acct-${1000 + i * 11}`, rng.pick(['Business', 'Team', 'Starter']), base + rng.int(0, 10), ...weeks].join(','));
  }
  return `${rows.join('\n')}\n`;
}

