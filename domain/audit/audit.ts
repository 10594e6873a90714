// Building audit entries for a change and reading the trail back.
import { z } from 'zod';
import { Id, Timestamp } from '../shared/fields.ts';
import { newId } from '../shared/ids.ts';
import { page } from '../shared/pagination.ts';
import { ROLES, type TenantContext } from '../shared/tenancy.ts';

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

/** One entry of `GET /v1/audit`: who changed what, with the target before and after (null when it did not exist). */
export const AuditEntryView = z
  .object({
    id: Id('audit'),
    at: Timestamp,
    actor: z.object({ id: z.string().describe('The user (usr_...), or the platform job that acted'), role: z.enum(ROLES) }),
    action: z.string().describe('e.g. store.created, tenant.updated'),
    target: z.object({ type: z.string(), id: z.string() }),
    before: z.unknown(),
    after: z.unknown(),
  })
  .meta({ id: 'AuditEntry' });
export type AuditEntryView = z.output<typeof AuditEntryView>;
export const AuditPage = page(AuditEntryView);

export const auditView = (e: { auditId: string; at: string; actorId: string; actorRole: string; action: string; targetType: string; targetId: string; before?: unknown; after?: unknown }): AuditEntryView => ({
  id: e.auditId,
  at: e.at,
  actor: { id: e.actorId, role: e.actorRole as AuditEntryView['actor']['role'] },
  action: e.action,
  target: { type: e.targetType, id: e.targetId },
  before: e.before ?? null,
  after: e.after ?? null,
});
