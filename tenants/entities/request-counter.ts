// Requests a tenant made in one second, for its tier's request quota. A platform item: counted
// with the function's own credentials before any tenant data is touched. Function instances lease
// blocks of a second's tokens from it (tenants/request-quota/token-leases.ts), so `count` is the
// tokens leased in that second by every instance, which is never more than the limit.
import { Entity } from 'electrodb';
import type { DocumentClient } from '../../domain/shared/data-scope.ts';

export const createRequestCounterEntity = (table: string, client: DocumentClient) =>
  new Entity(
    {
      model: { entity: 'requestCounter', version: '1', service: 'storefleet' },
      attributes: {
        tenantId: { type: 'string', required: true, readOnly: true },
        /** Epoch second the count belongs to. */
        second: { type: 'number', required: true, readOnly: true },
        count: { type: 'number' },
        /** Epoch seconds; the table's TTL removes spent counters. */
        expiresAt: { type: 'number' },
      },
      indexes: {
        bySecond: {
          pk: { field: 'pk', composite: ['tenantId', 'second'], template: 'platform#rate#${tenantId}#${second}', casing: 'none' },
          sk: { field: 'sk', composite: [], template: 'rate', casing: 'none' },
        },
      },
    },
    { table, client },
  );

export type RequestCounterEntity = ReturnType<typeof createRequestCounterEntity>;

/**
 * Leases `tokens` of the tenant-second's quota, all or none: one conditional update adding them
 * if the count stays within `limit`. Answers the count after it, or, refused, the count that
 * stood in the way (the failed condition returns the item, so knowing it costs no read). A
 * refusal writes nothing.
 */
export const leaseRequestTokens = async (
  entity: RequestCounterEntity,
  { tenantId, second, tokens, limit }: { tenantId: string; second: number; tokens: number; limit: number },
): Promise<{ granted: boolean; count: number | null }> => {
  const answer = await entity
    .update({ tenantId, second })
    .add({ count: tokens })
    .set({ expiresAt: second + 60 })
    // DynamoDB conditions cannot add, so count + tokens <= limit is written count <= limit - tokens.
    .where(({ count }, { notExists, lte }) => `${notExists(count)} OR ${lte(count, limit - tokens)}`)
    .go({ response: 'updated_new', returnOnConditionCheckFailure: 'all_old' });
  if (answer.rejected) return { granted: false, count: answer.data?.count ?? null };
  return { granted: true, count: answer.data.count ?? null };
};
