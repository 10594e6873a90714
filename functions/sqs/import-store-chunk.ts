// Imports the store rows of one chunk of a store import.
import { ImportChunk, importStoreChunk } from '../../domain/stores/store-import.ts';
import { createStoreService } from '../../domain/stores/store-service.ts';
import { systemClock } from '../../domain/shared/clock.ts';
import { scoped } from '../../tenants/data-access.ts';
import { importConsumer } from './import-consumer.ts';

const services = scoped(createStoreService);

export const handler = importConsumer(ImportChunk, async (chunk) => importStoreChunk(chunk, { service: await services(chunk.context.tenantId), clock: systemClock }));
