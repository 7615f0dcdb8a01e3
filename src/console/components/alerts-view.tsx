import { Box } from 'ink';
import { formatIsoWall } from '../../shared/index.js';
import { DETAIL_LINES, frameWidth, listHeight } from '../layout.js';
import { alertLine, alertRows, type Line, openAlertRows, RESOLVED_SHOWN, wrapLine } from '../selectors.js';
import { fit, oneLine } from '../format.js';
import { follow } from '../state/list.js';
import type { ConsoleState, View } from '../state/types.js';
import { LineText, Lines } from './line-text.js';

/** Open alerts first (worst first), then the recently resolved ones. */
export function AlertsView({ state, view }: { state: ConsoleState; view: Extract<View, { kind: 'alerts' }> }) {
  const rows = alertRows(state);
  const open = openAlertRows(state).length;
  const height = listHeight(state, 'alerts');
  const offset = follow(view.offset, view.cursor, height, rows.length);
  const title: Line = [
    { text: `${open} open`, bold: true, color: open > 0 ? 'red' : 'green' },
    {
      text: state.alerts
        ? ` · ${rows.length - open} resolved lately, newest first (up to ${RESOLVED_SHOWN})`
        : ' · reading logs/alerts.jsonl…',
      dim: true,
    },
    // maintenance windows: why nothing reaches the channels
    ...(state.snapshot?.silences ?? []).map((s) => ({
      text: ` · ${s.agent ?? 'fleet'} silenced until ${formatIsoWall(s.until, state.snapshot?.timezone ?? 'UTC')} by ${s.by}: ${oneLine(s.reason)}`,
      color: 'yellow' as const,
    })),
  ];
  const header: Line = [
    { text: `  ${fit('STATE', 9)}${fit('SEVERITY', 9)}${fit('AGENT', 22)}${fit('WHEN', 9)}MESSAGE`, dim: true },
  ];
  const lines = rows
    .slice(offset, offset + height)
    .map((row, i) => alertLine(row, state.now, offset + i === view.cursor));
  if (rows.length === 0) lines.push([{ text: 'No alerts, open or resolved.', color: 'green' }]);
  const selected = rows[view.cursor];
  return (
    <Box flexDirection="column">
      <LineText line={title} noColor={state.noColor} />
      <LineText line={header} noColor={state.noColor} />
      <Lines lines={lines} noColor={state.noColor} />
      {lines.length < height ? <Box height={height - lines.length} /> : null}
      {selected ? (
        <Lines
          lines={wrapLine(
            [
              { text: `${selected.key}: `, dim: true },
              // who acked or silenced it, and why, before the message: a long message must not cut it off
              ...(selected.quiet ? [{ text: `${oneLine(selected.quiet.text)} · `, color: 'yellow' as const }] : []),
              { text: oneLine(selected.message) },
            ],
            frameWidth(state),
            DETAIL_LINES,
          )}
          noColor={state.noColor}
        />
      ) : null}
    </Box>
  );
}
