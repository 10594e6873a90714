import { httpHandler } from '../../middleware/http-handler.ts';
import { ok } from '../../middleware/responses.ts';
import { PageQuery } from '../../../domain/shared/pagination.ts';
import { listAuditTrail } from '../../../domain/audit/audit-trail.ts';
import { AuditPage } from '../../../domain/audit/audit.ts';
import { createStoreService } from '../../../domain/stores/store-service.ts';
import { scoped } from '../../../tenants/data-access.ts';

const services = scoped(createStoreService);

export const handler = httpHandler({ query: PageQuery, response: AuditPage }, async ({ tenant, query }) => ok(await listAuditTrail(tenant(), query, { service: await services(tenant().tenantId) })));
