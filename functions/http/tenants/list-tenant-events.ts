import { httpHandler } from '../../middleware/http-handler.ts';
import { ok } from '../../middleware/responses.ts';
import { PageQuery } from '../../../domain/shared/pagination.ts';
import { listTenantEvents } from '../../../tenants/tenant-profile.ts';
import { createTenancyService } from '../../../tenants/store.ts';
import { scoped } from '../../../tenants/data-access.ts';
import { TenantEventPage } from '../../../tenants/views.ts';

const services = scoped(createTenancyService);

export const handler = httpHandler({ query: PageQuery, response: TenantEventPage }, async ({ tenant, query }) =>
  ok(await listTenantEvents(tenant(), query, { service: await services(tenant().tenantId) })),
);
