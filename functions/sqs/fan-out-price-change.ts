// Moves the price version of every store a price change affects (domain/pricing/price-fanout.ts).
// FIFO processing stops a tenant's later changes when one fails; each write only moves forward,
// so a redelivered change is harmless.
import { SqsFifoPartialProcessorAsync, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { Context, SQSEvent, SQSRecord } from 'aws-lambda';
import { fanOutPriceChange, PriceFanout } from '../../domain/pricing/price-fanout.ts';
import { createPricingService } from '../../domain/pricing/pricing-service.ts';
import { systemClock } from '../../domain/shared/clock.ts';
import { scoped } from '../../tenants/data-access.ts';
import { logger } from '../middleware/logger.ts';

const services = scoped(createPricingService);
const processor = new SqsFifoPartialProcessorAsync();

// The tenant comes from our own queue message, copied from the tenant's own priceChange item.
const recordHandler = async (record: SQSRecord): Promise<void> => {
  const change = PriceFanout.parse(JSON.parse(record.body));
  const outcome = await fanOutPriceChange(change, { service: await services(change.tenantId), clock: systemClock });
  logger.info('Price change fanned out', { tenantId: change.tenantId, sequence: change.sequence, ...outcome });
};

export const handler = async (event: SQSEvent, context: Context) => processPartialResponse(event, recordHandler, processor, { context, skipGroupOnError: true });
