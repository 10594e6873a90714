// A terminal connected or went (IoT Core's lifecycle events, read by the function that receives
// them). They name only the thing; its tenant comes from the directory its registration wrote.
// Events arrive late, twice and out of order: the terminal keeps the order of the last one applied,
// and an update only ever moves it forward, so replays change nothing.
//
// Only the terminal's own certificate speaks for it: an event counts only when its principal (the
// certificate the connection authenticated with) is the certificate the terminal registered with.
// The client id alone proves nothing about who connected.
import { isConditionalCheckFailed } from '../shared/dynamo.ts';
import type { TerminalService } from './terminal-service.ts';

/**
 * `order` ranks a thing's presence changes (later is larger); `at` is when this one happened;
 * `certificateId` is the certificate the connection authenticated with.
 */
export type PresenceChange = { thingName: string; certificateId: string | undefined; connected: boolean; at: Date; order: number };

type Deps = { platform: TerminalService; terminalsOf: (tenantId: string) => Promise<TerminalService> };

export type PresenceOutcome = 'applied' | 'stale' | 'not_a_terminal';

export const recordPresence = async ({ thingName, certificateId, connected, at, order }: PresenceChange, deps: Deps): Promise<PresenceOutcome> => {
  if (!certificateId) return 'not_a_terminal';
  // Claim certificates, consoles and removed terminals connect too; they are no terminal's news.
  const { data: entry } = await deps.platform.entities.terminalDirectory.get({ thingName }).go();
  if (!entry) return 'not_a_terminal';
  const service = await deps.terminalsOf(entry.tenantId);
  try {
    await service.entities.terminal
      .patch({ tenantId: entry.tenantId, thingName })
      .set({ connected, presenceAt: at.toISOString(), presenceOrder: order })
      .where((a, { eq, notExists, lt }) => `(${notExists(a.presenceOrder)} OR ${lt(a.presenceOrder, order)}) AND ${eq(a.certificateId, certificateId)}`)
      .go();
    return 'applied';
  } catch (error) {
    // Older than what the terminal shows, from another certificate, or the terminal was removed.
    if (isConditionalCheckFailed(error)) return 'stale';
    throw error;
  }
};
