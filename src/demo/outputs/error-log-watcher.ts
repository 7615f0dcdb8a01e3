import type { Renderer } from './common.js';
import { harnessTooLarge, trailer } from './common.js';

const PROBLEMS: Array<[string, string, string]> = [
  ['high', 'PaymentGatewayTimeout in checkout-service', 'upstream adyen did not answer within 30000ms'],
  ['high', 'TokenRefreshRace in auth-service', 'refresh token already rotated for the session; user logged out'],
  ['high', 'OutOfMemoryError in worker-invoices', 'heap exhausted while rendering a 1,200-page invoice PDF'],
  ['high', 'DeadlockDetected in billing-db', 'transaction rolled back while updating seats and invoices together'],
  ['medium', 'ConnectionResetError in search-indexer', 'opensearch:9200 reset by peer during bulk index; retried'],
  ['medium', 'SlowQuery in worker-invoices', 'invoices_by_account took over 4s (threshold 1s)'],
  ['medium', 'PdfRenderError in worker-invoices', 'font "Inter-SemiBold" not found, fell back to the default font'],
  ['medium', 'SMTPRecipientRefused in mailer', '550 5.1.1 user unknown for a customer address'],
  ['medium', 'WebhookDeliveryFailed in webhooks', 'customer endpoint returned 502 after 3 attempts'],
  ['medium', 'CacheStampede in api-gateway', '40 concurrent misses for the pricing page key'],
  ['low', 'RateLimitExceeded in api-gateway', 'one client over 600 req/min on /v2/search'],
  ['low', 'DeprecationWarning in api', 'v1 endpoint /v1/export still called by 2 clients'],
  ['low', 'HealthcheckFlap in load-balancer', 'worker-3 marked unhealthy for one interval, then healthy'],
  ['low', 'ClockSkewWarning in worker-3', 'NTP offset 420ms'],
];

const CHATTER = [
  'Let me know if you would like me to look at any of these in more detail.',
  'Overall the log looks similar to earlier today, with the payment timeouts being the main concern.',
  'I hope this summary helps with triage.',
];

function problems(ctx: Parameters<Renderer>[0]) {
  const { rng } = ctx;
  const picked = rng.sample(PROBLEMS, rng.int(3, 6)).sort((a, b) => ['high', 'medium', 'low'].indexOf(a[0]) - ['high', 'medium', 'low'].indexOf(b[0]));
  const [hh, mm] = ctx.time.split(':').map(Number) as [number, number];
  const lines = picked.map(([severity, what, message]) => {
    const back = rng.int(2, 90);
    const minutes = (hh * 60 + mm - back + 1440) % 1440;
    const first = `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}:${String(rng.int(0, 59)).padStart(2, '0')}`;
    return `- [${severity}] ${what} (${rng.int(1, severity === 'low' ? 60 : 18)}×, first ${first}) — ${message}`;
  });
  const newLines = rng.int(12, 240);
  return `Error log triage — ${ctx.date} ${ctx.time}\nNew lines since last rotation: ${newLines} · distinct problems: ${picked.length}\n${lines.join('\n')}\n`;
}

export const errorLogWatcher: Renderer = (ctx) => {
  switch (ctx.status) {
    case 'OK':
      return `${problems(ctx)}${trailer('OK')}`;
    case 'NO_END':
      // The 8B model sometimes chats on after the bullets and never writes the trailer.
      return `${problems(ctx)}\n${ctx.rng.pick(CHATTER)}\n`;
    case 'TOO_LARGE':
      return harnessTooLarge(ctx);
    default:
      return null;
  }
};
