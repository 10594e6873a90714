// Fulfilment requests (API.md: GET /v1/fulfilments, POST /v1/fulfilments/{id}/{action}).
import { z } from 'zod';
import { idPattern } from '../shared/ids.ts';
import { PageQuery } from '../shared/pagination.ts';
import { StoreId } from '../catalog/schemas.ts';
import { FULFILMENT_ACTIONS, FULFILMENT_STATUSES } from './fulfilment-state.ts';

export const FulfilmentQuery = PageQuery.extend({ storeId: StoreId, status: z.enum(FULFILMENT_STATUSES).optional() });
export type FulfilmentQuery = z.infer<typeof FulfilmentQuery>;

export const FulfilmentStepPath = z.object({ id: z.string().regex(idPattern('fulfilment'), 'a fulfilment id (ful_...)'), action: z.enum(FULFILMENT_ACTIONS) });

export const FulfilmentStep = z.object({ pickupCode: z.string().regex(/^\d{6}$/, 'the 6-digit pickup code').optional() }).default({});
export type FulfilmentStep = z.infer<typeof FulfilmentStep>;
