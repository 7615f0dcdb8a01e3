/**
 * Which environment values are secrets (DESIGN §4: API keys "never reach a
 * log, an output or an alert"): the value of every variable named *_KEY,
 * *_TOKEN, *_SECRET or *PASSWORD/*PASSWD (any case, or the bare word), plus the
 * variables the caller names — a runner's key variable (runner.api_key_env)
 * and the ones nightshift.yaml lists under `secrets.env`. Pure.
 */
export interface Secret {
  /** the variable's name: what `[redacted:NAME]` shows in place of the value */
  name: string;
  value: string;
}

// PGPASSWORD, MYSQL_PASSWD: a password by any spelling of the suffix, glued to the name or not.
const SECRET_NAME = /(?:^|_)(?:KEY|TOKEN|SECRET)$|PASSW(?:OR)?D$/i;
/** Shorter values would redact ordinary words and digits all over an output. */
export const MIN_SECRET_LENGTH = 4;
/** Flags like SKIP_TOKEN=true are settings, not secrets; redacting "true" would mangle every output. */
const NOT_SECRETS = new Set(['true', 'false', 'null', 'none', 'yes', 'no', 'on', 'off']);

/** Whether a variable's name alone makes its value a secret. */
export function isSecretName(name: string): boolean {
  return SECRET_NAME.test(name);
}

/**
 * The secrets in `env`: by name, plus every variable in `named` whatever its
 * name. Longest value first, so a secret that contains another is replaced
 * whole; one entry per value.
 */
export function secretsOf(env: NodeJS.ProcessEnv, named: Iterable<string> = []): Secret[] {
  const wanted = new Set(named);
  const byValue = new Map<string, Secret>();
  for (const [name, value] of Object.entries(env)) {
    if (value === undefined || !(wanted.has(name) || isSecretName(name))) continue;
    const trimmed = value.trim();
    if (trimmed.length < MIN_SECRET_LENGTH || NOT_SECRETS.has(trimmed.toLowerCase())) continue;
    const seen = byValue.get(trimmed);
    if (!seen || name.localeCompare(seen.name) < 0) byValue.set(trimmed, { name, value: trimmed });
  }
  return [...byValue.values()].sort((a, b) => b.value.length - a.value.length || a.name.localeCompare(b.name));
}

/** Callers may hand an environment or a list already made from one. */
export type SecretSource = NodeJS.ProcessEnv | readonly Secret[];

export function secretList(source: SecretSource): readonly Secret[] {
  return Array.isArray(source) ? (source as readonly Secret[]) : secretsOf(source as NodeJS.ProcessEnv);
}
