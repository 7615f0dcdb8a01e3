import type { Renderer } from './common.js';
import { harnessEmpty, trailer } from './common.js';

const PICKS: Array<[string, string, string]> = [
  ['Budgeted Agents: Enforcing Cost Ceilings Outside the Model', 'arXiv cs.SE', 'measures exactly what our harness limits are for; the 17% overrun figure is worth quoting in the readiness checklist'],
  ['When Do Tool-Using Agents Stop?', 'arXiv cs.CL', 'a taxonomy of end-of-run failures that maps onto our NO_END and BAD_FORMAT statuses'],
  ['Silent Failures in Scheduled LLM Pipelines', 'blog: Honeycomb', 'makes the case for output-size alerts with real incidents; matches our output_drop rule'],
  ['Drift Without Change', 'arXiv cs.LG', 'shows weekly fixed-input evals catch provider-side model changes; directly relevant to the eval schedule we have not built yet'],
  ['Prompt Caching in Batch Workloads: A Field Report', 'blog: Anthropic', 'could cut the research digest\'s own cost; the system prompt is re-sent every call'],
  ['A Survey of Prompt Injection Through Email', 'arXiv cs.CR', 'the inbox digest reads untrusted mail; two of the patterns would get past our current prompt'],
  ['Tool-Call Loops: Detection and Early Stopping', 'arXiv cs.AI', 'repeated identical tool calls predict runaways; a cheap check the harness could add'],
  ['On the Calibration of Judge Models', 'arXiv cs.CL', 'relevant if evals use a model as the judge; long outputs get inflated scores'],
  ['Operating 40 Background Agents: What Broke', 'blog: a fintech engineering team', 'a post-mortem list that reads like our own backlog: ownership, budgets, missed schedules'],
  ['Small Models for Log Triage', 'arXiv cs.SE', 'an 8B model matches a frontier model on error grouping; supports keeping error-log-watcher local'],
  ['Structured Output Failures Across Providers', 'arXiv cs.CL', 'which models drop required sections under long inputs; explains some BAD_FORMAT runs'],
  ['Human Review Cadence for Automated Reports', 'blog: a data team', 'argues for sampling three to five outputs a week, which is our Monday ritual'],
  ['Cost Anomaly Detection for Cloud AI Spend', 'arXiv cs.DC', 'a month-over-month projection rule much like our 3× rule, with fewer false alarms early in the month'],
  ['Runbooks for ML Systems', 'blog: an SRE newsletter', 'a template for kill-switch-first runbooks; ours already follow it'],
  ['Evaluating Summaries Without References', 'arXiv cs.CL', 'reference-free metrics we could use for the nightly summaries'],
  ['Idempotent Agents', 'blog: a workflow engine vendor', 'how to make write-capable agents safe to retry; relevant before any of ours get `writes: true`'],
];
const SKIMMED = [
  'Mixture-of-Depths for Small Language Models — compute allocation at 1B',
  'Scaling Laws for Retrieval-Augmented Code Models — retrieval vs size',
  'Diffusion Transformers for Tabular Data — synthetic tables',
  'Quantization-Aware Training for 4-bit Inference — accuracy recovery',
  'Energy Use of Local vs Hosted Inference — per-token energy figures',
  'Speculative Decoding in Production — latency numbers from one vendor',
  'Long-Context Benchmarks Revisited — needle tests are saturated',
  'Agent Memory Architectures: A Survey — broad, little on operations',
  'Synthetic Data for Tool Use — training-side, not ours',
  'Open Weights Licensing in 2026 — legal overview',
  'Sparse Autoencoders at Scale — interpretability',
  'Chain-of-Thought Faithfulness — evaluation methods',
];

export const researchDigest: Renderer = (ctx) => {
  const { rng } = ctx;
  if (ctx.status === 'EMPTY') return harnessEmpty(`Research digest — ${ctx.date}: nothing new overnight`);
  if (ctx.status === 'TOOL_FAILED') {
    return `# Research digest — ${ctx.date}\n\nRead of ${ctx.inputFile} failed twice ("file changed while reading"); the feed builder was probably still writing it. Nothing was digested.\n\n${trailer('TOOL_FAILED')}`;
  }
  if (ctx.status !== 'OK' && ctx.status !== 'INCOMPLETE') return null;
  const big = ctx.variant === 'big-feed';
  const picks = rng.sample(PICKS, rng.int(2, 5));
  const skimmed = rng.sample(SKIMMED, big ? rng.int(6, 10) : rng.int(3, 6));
  const skipped = big ? rng.int(140, 260) : rng.int(18, 45);
  const reasons = big ? 'mostly cs.LG training and architecture papers with no operations angle' : 'training-side or off-topic';
  const unreadable = ctx.status === 'INCOMPLETE' ? `\n\n## Unreadable\n${rng.int(2, 4)} entries were cut off mid-abstract by the feed builder; they are left out.` : '';
  return `# Research digest — ${ctx.date}

## Worth reading
${picks.map(([title, source, why], i) => `${i + 1}. **${title}** (${source}) — ${why}.`).join('\n')}

## Skimmed
${skimmed.map((s) => `- ${s}`).join('\n')}

## Skipped
${skipped} items: ${reasons}.${unreadable}

${trailer(ctx.status)}`;
};
