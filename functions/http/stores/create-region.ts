import { httpHandler } from '../../middleware/http-handler.ts';
import { created } from '../../middleware/responses.ts';
import { NewRegion, RegionView } from '../../../domain/stores/schemas.ts';
import { createRegion } from '../../../domain/stores/stores.ts';
import { createStoreService } from '../../../domain/stores/store-service.ts';
import { systemClock } from '../../../domain/shared/clock.ts';
import { scoped } from '../../../tenants/data-access.ts';

const services = scoped(createStoreService);

export const handler = httpHandler({ body: NewRegion, idempotency: 'optional', response: RegionView, status: 201 }, async ({ tenant, body }) =>
  created(await createRegion(tenant(), body, { service: await services(tenant().tenantId), clock: systemClock })),
);
