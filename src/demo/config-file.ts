import { configFile } from '../home/templates/config-file.js';

/**
 * The demo home's nightshift.yaml: init's file, with the choices this team
 * made — Berlin time, an alert command so alerts reach a person and not only
 * the journal, and a zero price for the local model.
 */
export function demoConfigFile(timezone: string): string {
  return configFile(timezone, {
    title: 'home-wide settings for the demo fleet',
    limitsNote: 'Every agent in this fleet sets its own; these are the safety net for a new file.',
    costOverUsd: 1,
    notifyCommand: {
      argv: ['logger', '-t', 'nightshift-alert'],
      why: ['This host forwards them to syslog, where the team\'s log shipper picks them up', 'and pages whoever is on call. The command gets each alert as JSON on stdin.'],
    },
    prices: {
      why: ['error-log-watcher runs llama3.1:8b on the local Ollama: it costs nothing per', 'token, and without this row it would be priced at the (dear) fallback rate.'],
      rows: { 'llama3.1:8b': '{ input: 0, output: 0 }' },
    },
  });
}
