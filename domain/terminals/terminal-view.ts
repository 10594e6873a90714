// A terminal as the API shows it: the facts of its registration. Connectivity, health and shadow
// state join this view when terminals report them (the fleet work).
import type { TerminalItem } from './terminal-entity.ts';

export const terminalView = (t: Pick<TerminalItem, 'thingName' | 'storeId' | 'serialNumber' | 'certificateId' | 'provisionedAt' | 'provisionedBy'>) => ({
  id: t.thingName,
  storeId: t.storeId,
  serialNumber: t.serialNumber,
  certificateId: t.certificateId,
  provisionedAt: t.provisionedAt,
  provisionedBy: t.provisionedBy,
});
