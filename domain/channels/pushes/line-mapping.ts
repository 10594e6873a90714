// Mapping what a platform names to ours (docs/delivery-platforms.md §4): its store code is our
// store code; a line's SKU code (Meituan sku_id) is our SKU code, because that is what we upload;
// failing that, its product code (app_food_code) through the channel item links, or a SKU coded
// so; failing that, its barcode (upc). Each is one GetItem (or one Query of the links' index).
// A line none of them finds cannot be filled, and neither can its order.
import { barcodeKind, normalizeBarcode } from '../../catalog/barcode.ts';
import type { PlatformLine, PlatformOrder, RejectReason } from '../adapter.ts';
import type { ChannelService } from '../channel-service.ts';
import type { ChannelPlatform } from '../platforms.ts';

type Scope = { tenantId: string; channel: ChannelPlatform; channels: ChannelService };

export type MappedOrder = { storeId: string; lines: { skuId: string; quantity: number }[] } | { reject: RejectReason; why: string };

const byCode = async ({ tenantId, channels }: Scope, code: string): Promise<string | undefined> =>
  (await channels.entities.skuCode.get({ tenantId, code }).go()).data?.skuId;

const bySpu = async ({ tenantId, channel, channels }: Scope, spuCode: string): Promise<string | undefined> => {
  const { data } = await channels.entities.channelSku.query.bySpu({ tenantId, channel, spuCode }).go({ limit: 2 });
  // A product listed with several SKUs does not say which one the line is.
  return data.length === 1 ? data[0]!.skuId : undefined;
};

const byBarcode = async ({ tenantId, channels }: Scope, upc: string): Promise<string | undefined> =>
  barcodeKind(upc) ? (await channels.entities.skuBarcode.get({ tenantId, normalizedBarcode: normalizeBarcode(upc) }).go()).data?.skuId : undefined;

export const mapLine = async (scope: Scope, line: PlatformLine): Promise<string | undefined> =>
  (line.skuCode && (await byCode(scope, line.skuCode))) ||
  (line.spuCode && ((await bySpu(scope, line.spuCode)) ?? (await byCode(scope, line.spuCode)))) ||
  (line.upc && (await byBarcode(scope, line.upc))) ||
  undefined;

export const mapOrder = async (scope: Scope, order: PlatformOrder): Promise<MappedOrder> => {
  const store = (await scope.channels.entities.storeCode.get({ tenantId: scope.tenantId, code: order.storeCode }).go()).data;
  if (!store) return { reject: 'unknown_store', why: `no store coded ${order.storeCode}` };
  const skuIds = await Promise.all(order.lines.map((line) => mapLine(scope, line)));
  const unmapped = order.lines.filter((_, i) => !skuIds[i]);
  if (unmapped.length) return { reject: 'sold_out', why: `no SKU for ${unmapped.map((l) => l.skuCode ?? l.spuCode ?? l.upc ?? l.name).join(', ')}` };
  return { storeId: store.storeId, lines: order.lines.map((l, i) => ({ skuId: skuIds[i]!, quantity: l.quantity })) };
};
