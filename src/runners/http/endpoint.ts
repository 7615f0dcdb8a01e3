/** Where an HTTP runner sends its calls and with which key. Keys are read here and go nowhere but a header. */
export interface Endpoint {
  url: string;
  /** the key, when the environment has one */
  key?: string;
  keyEnv: string;
}

export type EndpointResult = { ok: true; endpoint: Endpoint } | { ok: false; reason: string };

/**
 * `path` is appended to the base URL. A key is required only for the
 * provider's own host: a local server (Ollama, vLLM, a mock) usually has none.
 */
export function resolveEndpoint(options: {
  baseUrl: string | undefined;
  defaultBaseUrl: string;
  path: (base: string) => string;
  keyEnv: string;
  env: NodeJS.ProcessEnv;
  provider: string;
}): EndpointResult {
  const base = (options.baseUrl ?? options.defaultBaseUrl).replace(/\/+$/, '');
  let host: string;
  try {
    host = new URL(base).host;
  } catch {
    return { ok: false, reason: `runner.base_url ${JSON.stringify(base)} is not a URL` };
  }
  const key = options.env[options.keyEnv];
  const needsKey = host === new URL(options.defaultBaseUrl).host;
  if (needsKey && !key) {
    return {
      ok: false,
      reason:
        `${options.keyEnv} is not set: ${options.provider} needs an API key in that environment variable (or set ` +
        'runner.api_key_env, or point runner.base_url at a server that needs none)',
    };
  }
  return { ok: true, endpoint: { url: options.path(base), keyEnv: options.keyEnv, ...(key ? { key } : {}) } };
}
