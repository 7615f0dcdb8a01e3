/**
 * OTEL_RESOURCE_ATTRIBUTES for a child that sends telemetry of its own
 * (Claude Code exports its metrics and events over OTLP when asked to): the
 * run id and the agent are added to its resource, so its records join the run's
 * record from nightshift (`nightshift.run_id`, README "Central logs: OpenTelemetry").
 *
 * The variable is a W3C Baggage-like list, `key1=value1,key2=value2`
 * (OpenTelemetry resource SDK spec, "Specifying resource information via an
 * environment variable"): values outside the baggage-octet range (controls,
 * space, `"`, `,`, `;`, `\`, non-ASCII) are percent-encoded, and so is `%`
 * itself, since readers percent-decode. An existing value is kept: the pairs
 * are appended to it, so a key set before (by the operator) stays in front
 * and nightshift's come last.
 */
export function withRunResource(env: NodeJS.ProcessEnv, run: { runId: string; agent: string }): NodeJS.ProcessEnv {
  const pairs = `nightshift.run_id=${encodeBaggageValue(run.runId)},nightshift.agent=${encodeBaggageValue(run.agent)}`;
  const existing = env.OTEL_RESOURCE_ATTRIBUTES?.trim().replace(/,+$/, '');
  return { ...env, OTEL_RESOURCE_ATTRIBUTES: existing ? `${existing},${pairs}` : pairs };
}

/** baggage-octet = %x21 / %x23-2B / %x2D-3A / %x3C-5B / %x5D-7E; `%` encoded too. */
export function encodeBaggageValue(value: string): string {
  let out = '';
  for (const byte of Buffer.from(value, 'utf8')) {
    const octet =
      byte === 0x21 ||
      (byte >= 0x23 && byte <= 0x2b && byte !== 0x25) ||
      (byte >= 0x2d && byte <= 0x3a) ||
      (byte >= 0x3c && byte <= 0x5b) ||
      (byte >= 0x5d && byte <= 0x7e);
    out += octet ? String.fromCharCode(byte) : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}
