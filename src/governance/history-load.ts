import type { Home } from '../home/index.js';
import { changeRecordSchema, readMerged } from '../journal/index.js';
import { historyEntries, type HistoryEntry } from './history-entries.js';

export async function loadHistory(
  home: Home,
  agent: string,
  options: { fleet?: boolean } = {},
): Promise<{ entries: HistoryEntry[]; bad: number; agentsInJournal: Set<string> }> {
  const { records, bad } = await readMerged(home.paths.logs, 'changes', changeRecordSchema);
  const agentsInJournal = new Set(
    records.map((record) => record.agent).filter((name): name is string => name !== null),
  );
  return { entries: historyEntries(records, agent, options), bad, agentsInJournal };
}
