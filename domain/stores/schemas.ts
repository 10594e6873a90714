// Requests and views of regions and stores (API.md, "Tenancy and identity").
import { z } from 'zod';
import { TimeZone } from '../shared/time-zone.ts';
import { idPattern } from '../shared/ids.ts';
import { PageQuery } from '../shared/pagination.ts';
import { OWNERSHIPS } from './store-entity.ts';

const StoreId = z.string().regex(idPattern('store'), 'a store id (sto_...)');
const RegionId = z.string().regex(idPattern('region'), 'a region id (reg_...)');

export const NewRegion = z.object({ name: z.string().trim().min(1).max(80) });
export type NewRegion = z.infer<typeof NewRegion>;

export const NewStore = z.object({
  code: z.string().trim().regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,31}$/, 'letters, digits, - and _, at most 32'),
  name: z.string().trim().min(1).max(120),
  regionId: RegionId,
  ownership: z.enum(OWNERSHIPS),
  address: z.string().trim().min(1).max(300),
  timezone: TimeZone.optional(),
});
export type NewStore = z.infer<typeof NewStore>;

export const StoreListQuery = PageQuery.extend({ regionId: RegionId.optional(), ownership: z.enum(OWNERSHIPS).optional() });
export type StoreListQuery = z.infer<typeof StoreListQuery>;

export const StorePath = z.object({ id: StoreId });

export const storeView = (s: { storeId: string; code: string; name: string; regionId: string; ownership: string; address: string; timezone: string; status: string; createdAt: string }) => ({
  id: s.storeId,
  code: s.code,
  name: s.name,
  regionId: s.regionId,
  ownership: s.ownership,
  address: s.address,
  timezone: s.timezone,
  status: s.status,
  createdAt: s.createdAt,
});
export type StoreView = ReturnType<typeof storeView>;
