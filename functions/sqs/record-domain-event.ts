// Records every domain event in its tenant's event log, once. FIFO processing stops at the first
// failure of a message group so a tenant's events are never recorded out of order.
import { SqsFifoPartialProcessorAsync, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { Context, SQSEvent, SQSRecord } from 'aws-lambda';
import { DomainEvent } from '../../domain/shared/events/domain-event.ts';
import { systemClock } from '../../domain/shared/clock.ts';
import { recordTenantEvent } from '../../tenants/tenant-profile.ts';
import { createTenancyService } from '../../tenants/store.ts';
import { logger } from '../middleware/logger.ts';
import { scoped } from '../../tenants/data-access.ts';

const tenancies = scoped(createTenancyService);
const processor = new SqsFifoPartialProcessorAsync();

const recordHandler = async (record: SQSRecord): Promise<void> => {
  const event = DomainEvent.parse(JSON.parse(record.body));
  const outcome = await recordTenantEvent(event, { service: await tenancies(event.tenantId), clock: systemClock });
  logger.info('Domain event consumed', { eventId: event.id, type: event.type, tenantId: event.tenantId, outcome });
};

export const handler = async (event: SQSEvent, context: Context) =>
  processPartialResponse(event, recordHandler, processor, { context, skipGroupOnError: true });
