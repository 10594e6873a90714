// Imports the product rows of one chunk of a product import.
import { ProductImportChunk } from '../../domain/catalog/product-import.ts';
import { importProductChunk } from '../../domain/catalog/product-import-chunk.ts';
import { createCatalogService } from '../../domain/catalog/catalog-service.ts';
import { systemClock } from '../../domain/shared/clock.ts';
import { scoped } from '../../tenants/data-access.ts';
import { importConsumer } from './import-consumer.ts';

const services = scoped(createCatalogService);

export const handler = importConsumer(ProductImportChunk, async (chunk) => importProductChunk(chunk, { service: await services(chunk.context.tenantId), clock: systemClock }));
