// Building audit entries for a change and reading the trail back.
import { newId } from '../shared/ids.ts';
import type { TenantContext } from '../shared/tenancy.ts';

export type AuditedChange = { action: string; targetType: string; targetId: string; before?: unknown; after?: unknown };

/** The audit entry to put in the same transaction as `change`. */
export const auditEntry = (ctx: TenantContext, change: AuditedChange, at: Date) => ({
  tenantId: ctx.tenantId,
  auditId: newId('audit', at.getTime()),
  at: at.toISOString(),
  actorId: ctx.userId,
  actorRole: ctx.role,
  ...change,
});

export const auditView = (e: { auditId: string; at: string; actorId: string; actorRole: string; action: string; targetType: string; targetId: string; before?: unknown; after?: unknown }) => ({
  id: e.auditId,
  at: e.at,
  actor: { id: e.actorId, role: e.actorRole },
  action: e.action,
  target: { type: e.targetType, id: e.targetId },
  before: e.before ?? null,
  after: e.after ?? null,
});
