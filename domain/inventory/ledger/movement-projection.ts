// The ledger's movement items, written from the levels' stream records. A posting's transaction
// records each line on the level it moves (`lastMove`, level-write.ts), and DynamoDB Streams
// carries every modification of an item exactly once and in order, so each line reaches the
// stream once, with its level. Writing the movement item here rather than in the transaction
// takes one item a line out of every posting (2 write units each, transactional, and its gsi1
// entry): the till's 5-line checkout writes 9 items instead of 14.
//
// The put is idempotent (same key, same content), so a redelivered batch writes the same items
// again and nothing twice. What this costs: GET /v1/stock/movements and replenishment's sales
// read the ledger a stream delay behind the levels (under a second in the local cloud); the
// levels, the posting records (which keep their lines, for replays) and stock:verify's sums do
// not wait for it, and stock:verify reports a level whose last line has not arrived as pending.
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';
import { batchPut } from '../../shared/batches.ts';
import type { StockService } from '../stock-service.ts';
import type { StockMovementItem } from './stock-movement-entity.ts';
import type { LevelMove } from './level-write.ts';

type LevelImage = { __edb_e__?: string; tenantId?: string; locationId?: string; skuId?: string; lastMove?: LevelMove };

const imageOf = (image: unknown): LevelImage | undefined => (image ? (unmarshall(image as Record<string, AttributeValue>) as LevelImage) : undefined);

/** The ledger line a level's stream record brings, if the change moved onHand. */
export const movementOfStreamRecord = (record: DynamoDBRecord): StockMovementItem | undefined => {
  if (record.eventName !== 'INSERT' && record.eventName !== 'MODIFY') return undefined;
  const now = imageOf(record.dynamodb?.NewImage);
  if (now?.__edb_e__ !== 'stockLevel' || !now.lastMove || !now.tenantId || !now.locationId || !now.skuId) return undefined;
  // A change that only reserved or released units leaves the last line as it was.
  if (imageOf(record.dynamodb?.OldImage)?.lastMove?.movementId === now.lastMove.movementId) return undefined;
  return { ...now.lastMove, tenantId: now.tenantId, locationId: now.locationId, skuId: now.skuId };
};

/** Writes the movement items of one batch of lines, 25 a call, per tenant's table. */
export const writeMovements = async (movements: readonly StockMovementItem[], stockOf: (tenantId: string) => Promise<StockService>): Promise<void> => {
  const byTenant = new Map<string, StockMovementItem[]>();
  for (const m of movements) byTenant.set(m.tenantId, [...(byTenant.get(m.tenantId) ?? []), m]);
  for (const [tenantId, lines] of byTenant) {
    const { entities } = await stockOf(tenantId);
    await batchPut(lines, async (chunk) => ({ unprocessed: (await entities.stockMovement.put(chunk).go()).unprocessed as unknown as StockMovementItem[] }));
  }
};
