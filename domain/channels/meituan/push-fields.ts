// The fields of Meituan's pushes that we read (docs/delivery-platforms.md §4, §6), as zod schemas
// of the decoded form values. `detail` is a JSON string of the order's lines.
import { z } from 'zod';
import { ValidationError } from '../../shared/errors.ts';
import type { PlatformLine } from '../adapter.ts';

/** Meituan's order id: a decimal string kept as text, never a number (it passes 2^53). */
export const PlatformOrderId = z.string().regex(/^\d{1,20}$/, 'a decimal order id');

export const OrderFields = z.object({
  order_id: PlatformOrderId,
  app_poi_code: z.string().min(1).max(100),
  status: z.string().regex(/^\d{1,2}$/),
  detail: z.string().min(2),
  wm_order_id_view: z.string().max(40).optional(),
  recipient_address: z.string().optional(),
});

export const CancelFields = z.object({ order_id: PlatformOrderId, reason_code: z.string().max(10).optional(), reason: z.string().optional() });

export const RefundFields = z.object({ order_id: PlatformOrderId, refund_id: z.string().max(40).optional(), notify_type: z.string().max(40), reason: z.string().optional(), food: z.string().optional() });

/** A code may come as a JSON number; an empty one is no code (the platform had none for the item). */
const Code = z.union([z.string(), z.number()]).transform((v) => String(v).trim()).optional();

const DetailLine = z.object({
  app_food_code: Code,
  sku_id: Code,
  upc: Code,
  food_name: z.string().optional(),
  quantity: z.coerce.number().int().min(1),
});

/**
 * Codes are quoted before parsing: a numeric sku_id or upc past 2^53 would lose digits as a JSON
 * number, as order ids would (Node 20's JSON.parse cannot hand a reviver the source text).
 */
const quoteCodes = (json: string): string => json.replace(/("(?:sku_id|app_food_code|upc)"\s*:\s*)(-?\d+(?:\.\d+)?)/g, '$1"$2"');

export const detailLines = (detail: string): PlatformLine[] => {
  let parsed: unknown;
  try {
    parsed = JSON.parse(quoteCodes(detail));
  } catch {
    throw new ValidationError([{ path: 'detail', message: 'not JSON' }]);
  }
  const lines = z.array(DetailLine).min(1).safeParse(parsed);
  if (!lines.success) throw new ValidationError(lines.error.issues.map((i) => ({ path: ['detail', ...i.path].join('.'), message: i.message })));
  return lines.data.map((l) => ({
    name: l.food_name ?? '',
    quantity: l.quantity,
    ...(l.sku_id ? { skuCode: l.sku_id } : {}),
    ...(l.app_food_code ? { spuCode: l.app_food_code } : {}),
    ...(l.upc ? { upc: l.upc } : {}),
  }));
};

/** Parses push fields with `schema`; a push we cannot read is a 400 (the platform will see it as failed). */
export const fieldsOf = <S extends z.ZodType>(schema: S, params: Readonly<Record<string, string>>): z.infer<S> => {
  const result = schema.safeParse(params);
  if (!result.success) throw new ValidationError(result.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })));
  return result.data;
};
