// Reading a tenant's audit trail, newest first.
import type { Service } from 'electrodb';
import { withCursor, type PageQuery } from '../shared/pagination.ts';
import type { TenantContext } from '../shared/tenancy.ts';
import type { z } from 'zod';
import { auditView, type AuditPage } from './audit.ts';
import type { createAuditEntryEntity } from './audit-entry-entity.ts';

type AuditDeps = { service: Service<{ auditEntry: ReturnType<typeof createAuditEntryEntity> }> };

export const listAuditTrail = async (ctx: TenantContext, page: PageQuery, { service }: AuditDeps): Promise<z.output<typeof AuditPage>> => {
  const { data, cursor } = await withCursor(page.cursor, () =>
    service.entities.auditEntry.query.byTenant({ tenantId: ctx.tenantId }).go({ limit: page.limit, cursor: page.cursor ?? null, order: 'desc' }),
  );
  return { data: data.map(auditView), nextCursor: cursor ?? null };
};
