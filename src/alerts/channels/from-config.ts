import type { NightshiftConfig } from '../../home/index.js';
import { alertmanagerChannel } from './alertmanager.js';
import type { Channel, ChannelOptions } from './channel.js';
import { commandChannel } from './command.js';
import { webhookChannel } from './webhook.js';

/** The alert channels nightshift.yaml configures, besides the journal which is always there. */
export function channelsFromConfig(notify: NightshiftConfig['notify'], options: ChannelOptions = {}): Channel[] {
  const channels: Channel[] = [];
  if (notify.command !== undefined) channels.push(commandChannel(notify.command, notify.timeout, options));
  if (notify.webhook !== undefined) channels.push(webhookChannel(notify.webhook, notify.timeout, options));
  if (notify.alertmanager !== undefined)
    channels.push(alertmanagerChannel(notify.alertmanager, notify.timeout, options));
  return channels;
}
