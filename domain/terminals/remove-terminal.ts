// Taking a terminal out of service: its certificates are revoked and its thing deleted first, then
// the record, its serial number and its place in the quota go in one transaction with the audit
// entry. In that order a crash between the two leaves a record whose removal can simply be
// repeated, never a counted-off terminal that can still connect.
import { NotFoundError } from '../shared/errors.ts';
import type { Clock } from '../shared/clock.ts';
import { canAccessStore, type TenantContext } from '../shared/tenancy.ts';
import { auditEntry } from '../audit/audit.ts';
import type { DeviceRegistry } from './device-registry.ts';
import type { TerminalService } from './terminal-service.ts';
import { terminalView } from './terminal-view.ts';

type Deps = { service: TerminalService; registry: DeviceRegistry; clock: Clock };

export const removeTerminal = async (ctx: TenantContext, thingName: string, { service, registry, clock }: Deps) => {
  const { tenantId } = ctx;
  const { data: terminal } = await service.entities.terminal.get({ tenantId, thingName }).go({ consistent: true });
  if (!terminal || !canAccessStore(ctx, terminal.storeId)) throw new NotFoundError('terminal');
  const revoked = await registry.removeThing(thingName);
  const now = clock.now();
  const before = { storeId: terminal.storeId, serialNumber: terminal.serialNumber };
  const { canceled, data } = await service.transaction
    .write(({ terminal: t, terminalSerial, terminalCount, terminalDirectory, auditEntry: audit }) => [
      t.delete({ tenantId, thingName }).where((a, { exists }) => exists(a.thingName)).commit(),
      terminalSerial.delete({ tenantId, serialNumber: terminal.serialNumber }).commit(),
      terminalCount.update({ tenantId }).add({ count: -1 }).commit(),
      terminalDirectory.delete({ thingName }).commit(),
      audit.create(auditEntry(ctx, { action: 'terminal.removed', targetType: 'terminal', targetId: thingName, before }, now)).commit(),
    ])
    .go();
  // A concurrent removal got there first: the terminal is gone, as this caller wanted, but not by it.
  if (canceled && data[0]?.code === 'ConditionalCheckFailed') throw new NotFoundError('terminal');
  if (canceled) throw new Error(`Terminal removal canceled: ${JSON.stringify(data.map((d) => d.code))}`);
  return { ...terminalView(ctx)(terminal), certificatesRevoked: revoked, removedAt: now.toISOString() };
};
