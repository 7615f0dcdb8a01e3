import { type Command, Option } from 'commander';
import { action } from '../action.js';
import { printJson, printText, shownJournal } from '../output.js';
import { commonOptions } from '../context.js';
import { currentUser } from '../../shared/index.js';

interface ReviewOptions {
  week?: string;
  markdown?: boolean;
  seed?: string;
  now?: string;
  quarter?: string | boolean;
  answer?: string[];
  note?: string;
}

interface MarkOptions {
  note?: string;
  concern?: boolean;
  output?: string;
}

export function registerReview(program: Command): void {
  const review = program
    .command('review')
    .description(
      "the Monday ritual: each agent's last run, its week (runs, failures, cost), one random output of the week, its last review mark",
    )
    .option(
      '--week <YYYY-Www>',
      'an ISO week in the home time zone, like 2026-W47 (default: the 7 days before today and today so far)',
    )
    .option(
      '--quarter [YYYY-Qn]',
      'the quarterly review instead: per agent, is it needed, worth its cost, healthy, still right (default: this quarter)',
    )
    .option(
      '--answer <agent=keep|tune|retire...>',
      "with --quarter: record the team's answer for an agent (logs/reviews.jsonl)",
    )
    .option('--note <text>', 'with --answer: why')
    .option('--seed <n>', 'seed of the random output draw: the same seed draws the same outputs')
    .option('--markdown', 'print a digest to paste into a team channel')
    .option('--json', 'print the review as JSON')
    .addOption(new Option('--now <time>', 'review as of this time (tests, reproducible reports)').hideHelp())
    .addHelpText(
      'after',
      '\nThen mark each agent: nightshift review mark <agent> [--note "…"] [--concern]\n\nExit codes: 0 shown, 2 bad --week or --seed, or no home.',
    )
    .action(
      action(async (opts: ReviewOptions, command: Command) => {
        const { home, json } = commonOptions(command);
        const { openHome } = await import('../../home/index.js');
        const gov = await import('../../governance/index.js');
        const opened = await openHome(home);
        const now = gov.resolveNow(opts.now, opened.defaults.timezone);
        if (opts.quarter !== undefined || opts.answer !== undefined) {
          const quarter = typeof opts.quarter === 'string' ? opts.quarter : undefined;
          const review = await gov.loadQuarterReview(opened, { now, quarter, answers: opts.answer, note: opts.note });
          if (json) printJson(review);
          else printText(`${gov.renderQuarterMarkdown(review)}\n`);
          if (json || opts.answer !== undefined || !process.stdin.isTTY || !process.stdout.isTTY) return 0;
          const { askAnswers } = await import('../review-ask.js');
          // each answer with its own note, recorded one by one as the team gives them
          await askAnswers(review, async (given) => {
            await gov.loadQuarterReview(opened, {
              now,
              quarter: review.quarter.key,
              answers: [given.answer],
              note: given.note,
            });
          });
          return 0;
        }
        const seed = opts.seed === undefined ? undefined : await parseSeed(opts.seed);
        const { report } = await gov.loadReview(opened, { now, week: opts.week, seed });
        if (json) printJson(report);
        else if (opts.markdown) printText(gov.reviewDigest(report));
        else printText(`${gov.renderReview(report)}\n`);
        return 0;
      }),
    );

  review
    .command('mark <agent>')
    .description('record that you reviewed an agent (logs/reviews.jsonl), with a note and whether you have a concern')
    .option('--note <text>', 'what you saw, what to do')
    .option('--concern', 'flag a concern: it stays visible in the review and the registry until the next mark')
    .option('--output <file>', 'the output you read, relative to the home (as the review printed it)')
    .option('--json', 'print the mark as JSON')
    .addHelpText('after', '\nExit codes: 0 recorded, 2 unknown agent or no home.')
    .action(
      action(async (agent: string, opts: MarkOptions, command: Command) => {
        // --json is also `review`'s own option, so commander may hand it to the parent: read it with the globals
        const { home, json } = commonOptions(command);
        const { openHome } = await import('../../home/index.js');
        const { requireAgent } = await import('../agent-arg.js');
        const gov = await import('../../governance/index.js');
        const opened = await openHome(home);
        await requireAgent(opened.paths, agent);
        if (opts.output !== undefined && gov.outputPath(opened.root, agent, opts.output) === null) {
          const { UsageError } = await import('../../shared/index.js');
          throw new UsageError(
            `--output: "${opts.output}" is not one of ${agent}'s outputs: expected a path like outputs/${agent}/2026-11-20.md`,
            { field: '--output', actual: opts.output },
          );
        }
        const record = await gov.appendReviewMark(opened.paths, {
          agent,
          by: currentUser(),
          // `review --quarter` takes --note too, so commander may hand mark's --note to the parent: read it from there
          note: opts.note ?? (command.parent?.opts() as { note?: string } | undefined)?.note,
          concern: opts.concern,
          outputFile: opts.output,
        });
        if (json) printJson(record);
        else
          printText(
            `Marked ${agent} reviewed by ${record.by}${record.concern ? ' with a CONCERN' : ''}` +
              `${record.note ? `: "${record.note}"` : ''}. Recorded in ${shownJournal(opened.root, opened.paths.reviewsJournal)}.\n`,
          );
        return 0;
      }),
    );
}

async function parseSeed(text: string): Promise<number> {
  if (/^\d{1,10}$/.test(text.trim()) && Number(text) <= 0xffffffff) return Number(text);
  const { UsageError } = await import('../../shared/index.js');
  throw new UsageError(
    `--seed: "${text}" is not a seed: expected a whole number from 0 to 4294967295, like the one a previous review printed`,
    { field: '--seed', actual: text, expected: '0..4294967295' },
  );
}
