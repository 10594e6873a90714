// A terminal as the API shows it: its registration, and whether it is connected now, from IoT
// Core's lifecycle events (`lastSeenAt`: when it last connected or went). Health and shadow state
// join this view when terminals report them (the fleet work).
import type { TerminalItem } from './terminal-entity.ts';

export const terminalView = (t: Pick<TerminalItem, 'thingName' | 'storeId' | 'serialNumber' | 'certificateId' | 'provisionedAt' | 'provisionedBy' | 'connected' | 'presenceAt'>) => ({
  id: t.thingName,
  storeId: t.storeId,
  status: t.connected ? ('online' as const) : ('offline' as const),
  lastSeenAt: t.presenceAt ?? null,
  serialNumber: t.serialNumber,
  certificateId: t.certificateId,
  provisionedAt: t.provisionedAt,
  provisionedBy: t.provisionedBy,
});
