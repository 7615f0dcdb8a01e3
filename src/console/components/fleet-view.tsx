import { Box } from 'ink';
import { fleetListHeight } from '../layout.js';
import { fleetCursorIndex, fleetLayout, fleetRowWindow, type Line, MARKER_WIDTH, visibleAgents } from '../selectors.js';
import { fit } from '../format.js';
import { follow } from '../state/list.js';
import type { ConsoleState } from '../state/types.js';
import { FleetRowView } from './fleet-row.js';
import { LineText } from './line-text.js';

/** The home screen: one row per agent, windowed to the rows that fit. */
export function FleetView({ state }: { state: ConsoleState }) {
  const columns = fleetLayout(state);
  const total = visibleAgents(state).length;
  const height = fleetListHeight(state);
  const header: Line = [
    {
      text: ' '.repeat(MARKER_WIDTH) + columns.map((c) => fit(c.title, c.width, c.align)).join(' '),
      dim: true,
      bold: true,
    },
  ];
  if (!state.snapshot) return <LineText line={[{ text: 'reading the fleet…', dim: true }]} noColor={state.noColor} />;
  let empty: Line | null = null;
  if (state.snapshot.agents.length === 0)
    empty = [
      {
        text: `No agents yet: put one in ${state.home}/agents/<name>.md (\`nightshift init\` wrote an example).`,
        dim: true,
      },
    ];
  else if (total === 0)
    empty = [{ text: `No agent matches “${state.fleet.filter}”. esc clears the filter.`, color: 'yellow' }];
  const offset = follow(state.fleet.offset, fleetCursorIndex(state), height, total);
  const rows = fleetRowWindow(state, offset, height);
  return (
    <Box flexDirection="column">
      <LineText line={header} noColor={state.noColor} />
      {empty ? <LineText line={empty} noColor={state.noColor} /> : null}
      {rows.map((row) => (
        <FleetRowView key={row.name} row={row} columns={columns} noColor={state.noColor} />
      ))}
    </Box>
  );
}
