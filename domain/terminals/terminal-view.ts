// A terminal as the API shows it: its registration, and whether it is connected now, from IoT
// Core's lifecycle events (`lastSeenAt`: when it last connected or went). Health and shadow state
// join this view when terminals report them (the fleet work).
//
// The serial number is shown only to the roles that manage terminals: with a spent code it once
// was half of what a registration needed, and it is nothing a cashier or store manager works with.
import type { Role, TenantContext } from '../shared/tenancy.ts';
import type { TerminalItem } from './terminal-entity.ts';
import type { TerminalView } from './views.ts';

const MANAGES_TERMINALS: readonly Role[] = ['hq_admin', 'field_engineer'];

type Shown = Pick<TerminalItem, 'thingName' | 'storeId' | 'serialNumber' | 'certificateId' | 'provisionedAt' | 'provisionedBy' | 'connected' | 'presenceAt'>;

export const terminalView = (ctx: Pick<TenantContext, 'role'>) => (t: Shown): TerminalView => ({
  id: t.thingName,
  storeId: t.storeId,
  status: t.connected ? ('online' as const) : ('offline' as const),
  lastSeenAt: t.presenceAt ?? null,
  ...(MANAGES_TERMINALS.includes(ctx.role) ? { serialNumber: t.serialNumber } : {}),
  certificateId: t.certificateId,
  provisionedAt: t.provisionedAt,
  provisionedBy: t.provisionedBy,
});
