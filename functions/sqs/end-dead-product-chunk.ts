// Ends the job of a product import chunk that dead-lettered: the rows it had not handled are
// listed as chunk_failed and the job ends failed once its last row is counted.
import { DeadProductImportChunk } from '../../domain/catalog/product-import.ts';
import { endDeadProductChunk } from '../../domain/catalog/product-import-chunk.ts';
import { createCatalogService } from '../../domain/catalog/catalog-service.ts';
import { systemClock } from '../../domain/shared/clock.ts';
import { scoped } from '../../tenants/data-access.ts';
import { importConsumer } from './import-consumer.ts';

const services = scoped(createCatalogService);

export const handler = importConsumer(DeadProductImportChunk, async (chunk) => endDeadProductChunk(chunk, { service: await services(chunk.context.tenantId), clock: systemClock }), { deadLetters: true });
