// A terminal connected or went (IoT Core's lifecycle events, read by the function that receives
// them). They name only the thing; its tenant comes from the directory its registration wrote.
// Events arrive late, twice and out of order: the terminal keeps the order of the last one applied,
// and an update only ever moves it forward, so replays change nothing.
import { isConditionalCheckFailed } from '../shared/dynamo.ts';
import type { TerminalService } from './terminal-service.ts';

/** `order` ranks a thing's presence changes (later is larger); `at` is when this one happened. */
export type PresenceChange = { thingName: string; connected: boolean; at: Date; order: number };

type Deps = { platform: TerminalService; terminalsOf: (tenantId: string) => Promise<TerminalService> };

export type PresenceOutcome = 'applied' | 'stale' | 'not_a_terminal';

export const recordPresence = async ({ thingName, connected, at, order }: PresenceChange, deps: Deps): Promise<PresenceOutcome> => {
  // Claim certificates, consoles and removed terminals connect too; they are no terminal's news.
  const { data: entry } = await deps.platform.entities.terminalDirectory.get({ thingName }).go();
  if (!entry) return 'not_a_terminal';
  const service = await deps.terminalsOf(entry.tenantId);
  try {
    await service.entities.terminal
      .patch({ tenantId: entry.tenantId, thingName })
      .set({ connected, presenceAt: at.toISOString(), presenceOrder: order })
      .where((a, { notExists, lt }) => `${notExists(a.presenceOrder)} OR ${lt(a.presenceOrder, order)}`)
      .go();
    return 'applied';
  } catch (error) {
    // Older than what the terminal shows, or the terminal was removed in the meantime.
    if (isConditionalCheckFailed(error)) return 'stale';
    throw error;
  }
};
