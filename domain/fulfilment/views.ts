// A fulfilment task as the API shows it, with the step times SLA reports read.
import { z } from 'zod';
import { Id, Timestamp } from '../shared/fields.ts';
import { page } from '../shared/pagination.ts';
import type { FulfilmentItem } from './fulfilment-entity.ts';
import { FULFILMENT_STATUSES } from './fulfilment-state.ts';

export const FulfilmentView = z
  .object({
    id: Id('fulfilment'),
    orderId: Id('order'),
    orderNumber: z.string(),
    storeId: Id('store'),
    type: z.enum(['pickup', 'delivery']),
    status: z.enum(FULFILMENT_STATUSES),
    lines: z.array(z.object({ skuId: Id('sku'), name: z.string(), quantity: z.number().int() })),
    pickupCode: z.string().regex(/^\d{6}$/).optional().describe('Shown to the customer; asked for at handover of a pickup'),
    address: z.string().optional(),
    createdAt: Timestamp,
    pickedAt: Timestamp.optional(),
    packedAt: Timestamp.optional(),
    handedOverAt: Timestamp.optional(),
    completedAt: Timestamp.optional(),
    cancelledAt: Timestamp.optional(),
    secondsToPick: z.number().int().optional().describe('From payment to picked'),
    secondsToHandover: z.number().int().optional().describe('From payment to handed over'),
  })
  .meta({ id: 'Fulfilment' });
export type FulfilmentView = z.output<typeof FulfilmentView>;
export const FulfilmentPage = page(FulfilmentView);

const seconds = (from: string, to: string | undefined) => (to ? Math.round((Date.parse(to) - Date.parse(from)) / 1000) : undefined);

/** The task as store staff see it, step times and SLA durations included. */
export const fulfilmentView = (f: FulfilmentItem): FulfilmentView => {
  const view: FulfilmentView = {
    id: f.fulfilmentId,
    orderId: f.orderId,
    orderNumber: f.orderNumber,
    storeId: f.storeId,
    type: f.type,
    status: f.status,
    lines: f.lines.map(({ skuId, name, quantity }) => ({ skuId, name, quantity })),
    createdAt: f.createdAt,
  };
  for (const key of ['pickupCode', 'address', 'pickedAt', 'packedAt', 'handedOverAt', 'completedAt', 'cancelledAt'] as const) if (f[key]) view[key] = f[key];
  const toPick = seconds(f.createdAt, f.pickedAt);
  const toHandover = seconds(f.createdAt, f.handedOverAt);
  if (toPick !== undefined) view.secondsToPick = toPick;
  if (toHandover !== undefined) view.secondsToHandover = toHandover;
  return view;
};
