// Requests and views of regions and stores (API.md, "Tenancy and identity").
import { z } from 'zod';
import { TimeZone } from '../shared/time-zone.ts';
import { idPattern } from '../shared/ids.ts';
import { Id, Timestamp } from '../shared/fields.ts';
import { page, PageQuery } from '../shared/pagination.ts';
import { OWNERSHIPS, STORE_STATUSES } from './store-entity.ts';

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

export const StoreView = z
  .object({
    id: Id('store'),
    code: z.string(),
    name: z.string(),
    regionId: Id('region'),
    ownership: z.enum(OWNERSHIPS),
    address: z.string(),
    timezone: z.string().describe('IANA time zone: the store’s business days are in it'),
    status: z.enum(STORE_STATUSES),
    createdAt: Timestamp,
  })
  .meta({ id: 'Store' });
export type StoreView = z.output<typeof StoreView>;
export const StorePage = page(StoreView);

export const RegionView = z.object({ id: Id('region'), name: z.string(), createdAt: Timestamp }).meta({ id: 'Region' });
export type RegionView = z.output<typeof RegionView>;
/** Every region, by name, on one page. */
export const RegionPage = page(RegionView);

type StoreFields = { storeId: string; code: string; name: string; regionId: string; ownership: StoreView['ownership']; address: string; timezone: string; status: StoreView['status']; createdAt: string };

export const storeView = (s: StoreFields): StoreView => ({
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

export const regionView = (r: { regionId: string; name: string; createdAt: string }): RegionView => ({ id: r.regionId, name: r.name, createdAt: r.createdAt });
