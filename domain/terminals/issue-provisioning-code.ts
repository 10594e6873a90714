// A field engineer (or HQ) gets a one-time code to register a new till into a store. The code is
// shown once and never stored; its lookup and the audit entry commit together. A chain already at
// its terminal quota hears so now, not when the till is on the counter.
import { StoreClosedError } from './errors.ts';
import type { Clock } from '../shared/clock.ts';
import type { TenantContext } from '../shared/tenancy.ts';
import { requireVisibleStore } from '../stores/visible-store.ts';
import { auditEntry } from '../audit/audit.ts';
import { CODE_RECORD_GRACE_MS, hashProvisioningCode, newProvisioningCode, PROVISIONING_CODE_TTL_MS } from './provisioning-codes.ts';
import { requireTerminalRoom, type TerminalQuota } from './terminal-quota.ts';
import type { TerminalService } from './terminal-service.ts';

type Deps = { service: TerminalService; clock: Clock; quota: TerminalQuota };

export const issueProvisioningCode = async (ctx: TenantContext, storeId: string, deps: Deps) => {
  const { service, clock } = deps;
  const store = await requireVisibleStore(ctx, storeId, { service });
  if (store.status !== 'active') throw new StoreClosedError(storeId);
  await requireTerminalRoom(ctx.tenantId, deps);

  const now = clock.now();
  const code = newProvisioningCode();
  const validUntil = new Date(now.getTime() + PROVISIONING_CODE_TTL_MS);
  const lookup = {
    codeHash: hashProvisioningCode(code),
    tenantId: ctx.tenantId,
    storeId,
    issuedBy: ctx.userId,
    issuedByRole: ctx.role,
    issuedAt: now.toISOString(),
    validUntil: validUntil.toISOString(),
    status: 'open' as const,
    expiresAt: Math.floor((validUntil.getTime() + CODE_RECORD_GRACE_MS) / 1000),
  };
  const after = { storeId, expiresAt: lookup.validUntil };
  const { canceled, data } = await service.transaction
    .write(({ provisioningCode, auditEntry: audit }) => [
      provisioningCode.create(lookup).commit(),
      audit.create(auditEntry(ctx, { action: 'terminal.provisioning_code.issued', targetType: 'store', targetId: storeId, after }, now)).commit(),
    ])
    .go();
  // 60-bit random codes do not clash in practice; a canceled write is transient and may be retried.
  if (canceled) throw new Error(`Provisioning code transaction canceled: ${JSON.stringify(data.map((d) => d.code))}`);
  return { code, expiresAt: lookup.validUntil, storeId };
};
