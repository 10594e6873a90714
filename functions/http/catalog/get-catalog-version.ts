import { httpHandler } from '../../middleware/http-handler.ts';
import { ok } from '../../middleware/responses.ts';
import { currentCatalogVersion } from '../../../domain/catalog/catalog-version.ts';
import { createCatalogService } from '../../../domain/catalog/catalog-service.ts';
import { scoped } from '../../../tenants/data-access.ts';
import { CatalogVersionView } from '../../../domain/catalog/views.ts';

const services = scoped(createCatalogService);

// Terminals poll this (one GetItem) and re-sync their catalog when it moved past what they hold.
export const handler = httpHandler({ response: CatalogVersionView }, async ({ tenant }) => ok(await currentCatalogVersion(tenant().tenantId, await services(tenant().tenantId))));
