// Ends the job of a store import chunk that dead-lettered: the rows it had not handled are listed
// as chunk_failed and the job ends failed once its last row is counted.
import { DeadImportChunk, endDeadStoreChunk } from '../../domain/stores/store-import.ts';
import { createStoreService } from '../../domain/stores/store-service.ts';
import { systemClock } from '../../domain/shared/clock.ts';
import { scoped } from '../../tenants/data-access.ts';
import { importConsumer } from './import-consumer.ts';

const services = scoped(createStoreService);

export const handler = importConsumer(DeadImportChunk, async (chunk) => endDeadStoreChunk(chunk, { service: await services(chunk.context.tenantId), clock: systemClock }), { deadLetters: true });
