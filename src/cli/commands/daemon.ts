import type { Command } from 'commander';
import { action } from '../action.js';
import { printJson, printText } from '../output.js';
import type { ListenAddress, MetricsServer } from '../../governance/index.js';
import type { Home } from '../../home/index.js';
import { commonOptions } from '../context.js';

/**
 * `nightshift daemon`: the scheduler in the foreground (a service manager
 * keeps it running: `nightshift daemon install`). SIGTERM or SIGINT stop it
 * cleanly; runs in flight are detached and finish on their own.
 */
export function registerDaemon(program: Command): void {
  const daemon = program
    .command('daemon')
    .description('run the scheduler in the foreground: cron, watch and when triggers, heartbeat, watchdog every minute')
    .option(
      '--metrics <address>',
      'also serve GET /metrics in the Prometheus text format on HOST:PORT (e.g. 127.0.0.1:9464), and only there',
    )
    .option(
      '--listen <address>',
      'serve webhook agents (POST /hooks/<agent>) on HOST:PORT (default 127.0.0.1:9465, opened once an agent ' +
        'has a webhook trigger; port 0: any free port, logged)',
    )
    .addHelpText(
      'after',
      `
Logs one timestamped line per event to stdout; problems also to stderr.
SIGTERM / SIGINT stop it (exit 0); SIGHUP reloads the agent definitions.
Exit codes: 0 stopped cleanly, 1 another daemon already schedules this home, 2 no home or a --metrics or --listen
address that cannot be listened on, 3 a corrupt nightshift.yaml.
Webhooks: README "Webhook trigger" (authentication, the replay window, the answers 202/401/404/409/413/429/503).`,
    )
    .action(
      action(async (opts: { metrics?: string; listen?: string }, cmd: Command) => {
        const { home } = commonOptions(cmd);
        // node:v8 (~2 ms to load) only here, not in every command's start
        const [{ openHome }, { startDaemon }, { binPath }, { setFlagsFromString }] = await Promise.all([
          import('../../home/index.js'),
          import('../../daemon/index.js'),
          import('../../files/index.js'),
          import('node:v8'),
        ]);
        const opened = await openHome(home);
        // a bad address is said before anything is scheduled
        const where =
          opts.metrics === undefined
            ? null
            : (await import('../../governance/index.js')).parseListenAddress(opts.metrics);
        // a daemon lives for months and is idle nearly always: its heap should hug what is live (the minute's watchdog
        // check would otherwise leave ~20 MB of garbage standing until the next one), not be tuned for throughput
        setFlagsFromString('--optimize-for-size');
        // cron runs are started 3 s ahead and wait for their slot, already loaded (see run-at.ts)
        const listen =
          opts.listen === undefined
            ? undefined
            : (await import('../../governance/index.js')).parseListenAddress(opts.listen, '--listen', {
                anyPort: true,
              });
        const daemon = await startDaemon(opened, {
          nightshiftArgv: [process.execPath, binPath()],
          leadMs: 3000,
          ...(listen === undefined ? {} : { listen }),
        });
        // after the scheduler (another daemon of this home is said as such, not as its port being taken); a port
        // that cannot be had stops this one at once rather than leave a scheduler whose metrics nobody can read
        let metrics: MetricsServer | null = null;
        if (where)
          metrics = await startMetrics(opened, where).catch(async (error: unknown) => {
            await daemon.abandon();
            throw error;
          });
        await new Promise<void>((resolve) => {
          let stopping = false;
          const stop = (signal: NodeJS.Signals) => {
            if (stopping) return;
            stopping = true;
            printText(`${new Date().toISOString()} received ${signal}, stopping\n`);
            void daemon
              .stop()
              .then(() => metrics?.close())
              .then(resolve);
          };
          // `on`, not `once`: with no listener of ours left, signal-exit (loaded with proper-lockfile at the
          // first lock) takes the signal for unhandled and re-raises it, killing the daemon mid-stop
          process.on('SIGTERM', stop);
          process.on('SIGINT', stop);
          process.on('SIGHUP', () => void daemon.reload('SIGHUP'));
        });
        // nothing of ours is left to wait for; an idle keep-alive socket must not hold the exit
        setTimeout(() => process.exit(process.exitCode ?? 0), 200).unref();
        return 0;
      }),
    );

  daemon
    .command('install')
    .description(
      "write this system's service that keeps the daemon running (a systemd user unit on Linux, a launchd agent on macOS), and print how to start it",
    )
    .option('--json', 'print the files written as JSON')
    .action(
      action(async (_opts: object, cmd: Command) => {
        const { home, json } = commonOptions(cmd);
        const [{ openHome }, { installServiceFiles, enableInstructions }, { binPath }] = await Promise.all([
          import('../../home/index.js'),
          import('../../daemon/index.js'),
          import('../../files/index.js'),
        ]);
        const opened = await openHome(home);
        const installed = await installServiceFiles(opened, { nightshiftArgv: [process.execPath, binPath()] });
        if (json)
          printJson({
            kind: installed.kind,
            file: installed.file,
            path: installed.path,
            reboot: installed.files.rebootLine,
          });
        else printText(enableInstructions(installed));
        return 0;
      }),
    );
}

/** The metrics server beside the scheduler: `daemon --metrics HOST:PORT`. */
async function startMetrics(home: Home, where: ListenAddress): Promise<MetricsServer> {
  const gov = await import('../../governance/index.js');
  const server = await gov.serveMetrics(where, gov.metricsCollector(home), (message) =>
    printText(`${new Date().toISOString()} ${message}\n`, process.stderr),
  );
  printText(`${new Date().toISOString()} metrics on http://${server.address}/metrics\n`);
  return server;
}
