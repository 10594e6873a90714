// A terminal connected or went (IoT Core's lifecycle events). The event names only the client id,
// which the terminal policy makes the thing name; the thing's tenant comes from the directory its
// registration wrote. Events arrive late, twice and out of order: the terminal keeps the order of
// the last one applied, and an update only ever moves it forward, so replays change nothing.
import { isConditionalCheckFailed } from '../shared/dynamo.ts';
import { presenceOrder, type PresenceEvent } from '../../iot/lifecycle-events.ts';
import type { TerminalService } from './terminal-service.ts';

type Deps = { platform: TerminalService; terminalsOf: (tenantId: string) => Promise<TerminalService> };

export type PresenceOutcome = 'applied' | 'stale' | 'not_a_terminal';

export const recordPresence = async (event: PresenceEvent, deps: Deps): Promise<PresenceOutcome> => {
  const thingName = event.clientId;
  // Claim certificates, consoles and removed terminals connect too; they are no terminal's news.
  const { data: entry } = await deps.platform.entities.terminalDirectory.get({ thingName }).go();
  if (!entry) return 'not_a_terminal';
  const service = await deps.terminalsOf(entry.tenantId);
  const order = presenceOrder(event);
  try {
    await service.entities.terminal
      .patch({ tenantId: entry.tenantId, thingName })
      .set({ connected: event.eventType === 'connected', presenceAt: new Date(event.timestamp).toISOString(), presenceOrder: order })
      .where((a, { notExists, lt }) => `${notExists(a.presenceOrder)} OR ${lt(a.presenceOrder, order)}`)
      .go();
    return 'applied';
  } catch (error) {
    // Older than what the terminal shows, or the terminal was removed in the meantime.
    if (isConditionalCheckFailed(error)) return 'stale';
    throw error;
  }
};
