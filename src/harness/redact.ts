/**
 * Keeps secrets out of everything nightshift writes or prints (DESIGN §4: API
 * keys "never reach a log, an output or an alert"). A secret is the value of an
 * environment variable whose name says it is one; its value is replaced by
 * `[redacted:NAME]`, so an operator still sees which key leaked where.
 */
export interface Secret {
  name: string;
  value: string;
}

const SECRET_NAME = /KEY|TOKEN|SECRET|PASSWORD/i;
/** Shorter values would redact ordinary words and digits all over an output. */
export const MIN_SECRET_LENGTH = 4;
/** Flags like USE_KEYRING=true are settings, not secrets; redacting "true" would mangle every output. */
const NOT_SECRETS = new Set(['true', 'false', 'null', 'none', 'yes', 'no', 'on', 'off']);

/** Longest first, so a secret that contains another is replaced whole. */
export function secretsOf(env: NodeJS.ProcessEnv): Secret[] {
  const secrets: Secret[] = [];
  for (const [name, value] of Object.entries(env)) {
    if (value === undefined || !SECRET_NAME.test(name)) continue;
    const trimmed = value.trim();
    if (trimmed.length < MIN_SECRET_LENGTH || NOT_SECRETS.has(trimmed.toLowerCase())) continue;
    secrets.push({ name, value: trimmed });
  }
  return secrets.sort((a, b) => b.value.length - a.value.length || a.name.localeCompare(b.name));
}

export function redact(text: string, env: NodeJS.ProcessEnv | readonly Secret[]): string {
  const secrets = Array.isArray(env) ? (env as readonly Secret[]) : secretsOf(env as NodeJS.ProcessEnv);
  let out = text;
  for (const secret of secrets) {
    if (out.includes(secret.value)) out = out.split(secret.value).join(`[redacted:${secret.name}]`);
  }
  return out;
}

/**
 * For text cut at a byte limit: a secret sliced by the cut is not matched by
 * `redact`, yet its first characters would leak. A tail that is the start of
 * a secret (at least MIN_SECRET_LENGTH characters of it) is redacted too.
 */
export function redactTruncated(text: string, env: NodeJS.ProcessEnv | readonly Secret[]): string {
  const secrets = Array.isArray(env) ? (env as readonly Secret[]) : secretsOf(env as NodeJS.ProcessEnv);
  const out = redact(text, secrets);
  for (const secret of secrets) {
    for (let length = secret.value.length - 1; length >= MIN_SECRET_LENGTH; length--) {
      if (out.endsWith(secret.value.slice(0, length))) return `${out.slice(0, out.length - length)}[redacted:${secret.name}]`;
    }
  }
  return out;
}
