import type { Command } from 'commander';
import { action } from '../action.js';
import { printJson, printText } from '../output.js';
import { commonOptions } from '../context.js';

/**
 * `nightshift export k8s [agent…] --image IMAGE`: the scheduled agents as
 * Kubernetes CronJobs (and the watchdog as one more), as YAML on stdout. What
 * cannot be a CronJob is said on stderr and left out (exit 1).
 */
interface K8sOptions {
  image: string;
  namespace?: string;
  homeClaim: string;
  secret?: string;
}

const DEFAULT_CLAIM = 'nightshift-home';
/** A namespace is a DNS-1123 label; a claim's and a Secret's names are DNS-1123 subdomains. */
const LABEL = /^[a-z0-9](?:[-a-z0-9]*[a-z0-9])?$/;
const SUBDOMAIN = /^[a-z0-9](?:[-a-z0-9]*[a-z0-9])?(?:\.[a-z0-9](?:[-a-z0-9]*[a-z0-9])?)*$/;

export function registerExportK8s(exporter: Command): void {
  exporter
    .command('k8s [agents...]')
    .description(
      'print the scheduled agents (the named ones, else all) as Kubernetes CronJobs, and one for `nightshift check` every minute, as YAML',
    )
    .requiredOption('--image <image>', 'the image built from the Dockerfile in the nightshift repository')
    .option('--namespace <ns>', 'the namespace of every CronJob (default: kubectl’s current one)')
    .option('--home-claim <pvc>', 'the PersistentVolumeClaim holding the shared home', DEFAULT_CLAIM)
    .option('--secret <name>', 'a Secret whose keys become every pod’s environment (API keys): named, never copied')
    .option('--json', 'print one JSON List of the objects instead of YAML (kubectl apply takes either)')
    .addHelpText(
      'after',
      '\nUse: nightshift export k8s --image registry.example/nightshift:1 --secret nightshift-keys | kubectl apply -f -\n' +
        '\nwatch and when agents, seconds schedules and schedules Kubernetes reads otherwise cannot be CronJobs: ' +
        'they are named on stderr and left out.\n' +
        '\nExit codes: 0 every scheduled agent exported, 1 some agent left out (why on stderr), ' +
        '2 a bad option, an unknown agent or no home.',
    )
    .action(
      action(async (names: string[], opts: K8sOptions, command: Command) => {
        const { home, json } = commonOptions(command);
        const [{ openHome }, { requireAgent }, { loadAgents }, { readState }, { exportK8s, renderK8sYaml }, shared] =
          await Promise.all([
            import('../../home/index.js'),
            import('../agent-arg.js'),
            import('../../agents/index.js'),
            import('../../state/index.js'),
            import('../../governance/index.js'),
            import('../../shared/index.js'),
          ]);
        checkName('--namespace', opts.namespace, LABEL, 63, 'a DNS-1123 label', shared.UsageError);
        checkName('--home-claim', opts.homeClaim, SUBDOMAIN, 253, 'a DNS-1123 subdomain', shared.UsageError);
        checkName('--secret', opts.secret, SUBDOMAIN, 253, 'a DNS-1123 subdomain', shared.UsageError);
        if (opts.image.trim() === '' || /\s/.test(opts.image))
          throw new shared.UsageError(`--image: "${opts.image}" is no image reference`, {
            field: '--image',
            expected: 'an image reference such as registry.example/nightshift:1',
            actual: opts.image,
          });
        const opened = await openHome(home);
        for (const name of names) await requireAgent(opened.paths, name);
        const entries = await loadAgents(opened.paths.agents, opened.defaults, opened.paths.agentsCache);
        const state = await readState(opened.paths);
        const result = exportK8s({
          home: opened,
          entries,
          names: [...new Set(names)],
          state,
          now: new Date(),
          target: {
            image: opts.image,
            homeClaim: opts.homeClaim,
            ...(opts.namespace === undefined ? {} : { namespace: opts.namespace }),
            ...(opts.secret === undefined ? {} : { secret: opts.secret }),
          },
        });
        // a note's indented lines (an invalid agent's problems) belong to the line above them
        for (const note of result.notes)
          printText(note.startsWith(' ') ? `${note}\n` : `nightshift: ${note}\n`, process.stderr);
        const header =
          `nightshift export k8s: ${result.objects.length - 1} agent CronJob(s) and the watchdog, from ${opened.root}\n` +
          `The home is the PersistentVolumeClaim ${opts.homeClaim}, mounted in every pod; re-export after a pause, resume or schedule change.`;
        if (json) printJson({ apiVersion: 'v1', kind: 'List', items: result.objects });
        else printText(await renderK8sYaml(result.objects, header));
        return result.complete ? 0 : 1;
      }),
    );
}

function checkName(
  option: string,
  value: string | undefined,
  pattern: RegExp,
  max: number,
  expected: string,
  UsageError: typeof import('../../shared/index.js').UsageError,
): void {
  if (value === undefined || (pattern.test(value) && value.length <= max)) return;
  throw new UsageError(`${option}: "${value}" is not ${expected} (lowercase letters, digits and "-", at most ${max})`, {
    field: option,
    expected,
    actual: value,
  });
}
