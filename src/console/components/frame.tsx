import { Box } from 'ink';
import { bodyHeight, frameWidth } from '../layout.js';
import { topView } from '../state/mode.js';
import type { ConsoleState } from '../state/types.js';
import { AgentView } from './agent-view.js';
import { AlertsView } from './alerts-view.js';
import { Footer, Header } from './chrome.js';
import { FrameWidth } from './line-text.js';
import { CostsView } from './costs-view.js';
import { FleetView } from './fleet-view.js';
import { ReviewView } from './review-view.js';
import { HelpView, OutputView, RunbooksView, RunbookView } from './text-views.js';
import { LiveView } from './live-view.js';

function Body({ state }: { state: ConsoleState }) {
  const view = topView(state);
  switch (view.kind) {
    case 'fleet':
      return <FleetView state={state} />;
    case 'agent':
      return <AgentView state={state} view={view} />;
    case 'output':
      return <OutputView state={state} view={view} />;
    case 'review':
      return <ReviewView state={state} view={view} />;
    case 'alerts':
      return <AlertsView state={state} view={view} />;
    case 'costs':
      return <CostsView state={state} view={view} />;
    case 'runbooks':
      return <RunbooksView state={state} view={view} />;
    case 'runbook':
      return <RunbookView state={state} view={view} />;
    case 'help':
      return <HelpView state={state} view={view} />;
    case 'live':
      return <LiveView state={state} view={view} />;
  }
}

/** The whole frame, rows - 1 lines tall: header, the current view in a fixed-height body, footer. */
export function Frame({ state }: { state: ConsoleState }) {
  return (
    <FrameWidth.Provider value={frameWidth(state)}>
      <Box flexDirection="column" width={state.cols}>
        <Header state={state} />
        {/* no overflow="hidden": Ink would slice every line of the body on every frame; the views stay inside bodyHeight themselves */}
        <Box flexDirection="column" height={bodyHeight(state)}>
          <Body state={state} />
        </Box>
        <Footer state={state} />
      </Box>
    </FrameWidth.Provider>
  );
}
