// The demo chain: Sunshine Jiajia Convenience, 120 stores over three regions of the Yangtze delta,
// about a third of them franchised, plus the people who run it.
export const DEMO = {
  tenant: { name: 'Sunshine Jiajia Convenience', slug: 'jiajia' },
  admin: { email: 'admin@jiajia.example', password: 'Jiajia-demo-2026' },
  users: [
    { email: 'engineer@jiajia.example', password: 'Jiajia-field-2026', role: 'field_engineer', stores: 0 },
    { email: 'manager@jiajia.example', password: 'Jiajia-store-2026', role: 'store_manager', stores: 1 },
  ],
} as const;

const REGIONS = [
  { name: 'Shanghai Pudong', code: 'PD', district: 'Pudong, Shanghai', streets: ['Century Avenue', 'Zhangyang Road', 'Dongfang Road', 'Yanggao Road', 'Pudong Avenue', 'Jinqiao Road'] },
  { name: 'Shanghai Puxi', code: 'PX', district: 'Huangpu, Shanghai', streets: ['Nanjing East Road', 'Huaihai Middle Road', 'Xizang Road', 'Fuzhou Road', 'Sichuan North Road', 'Wulumuqi Road'] },
  { name: 'Suzhou', code: 'SZ', district: 'Gusu, Suzhou', streets: ['Guanqian Street', 'Shiquan Street', 'Renmin Road', 'Ganjiang Road', 'Pingjiang Road', 'Xinghu Street'] },
] as const;

export const STORES_PER_REGION = 40;

export const demoRegions = REGIONS.map((r) => r.name);

/** Every demo store: deterministic, so a re-run finds the same codes and adds only what is missing. */
export const demoStores = () =>
  REGIONS.flatMap((region) =>
    Array.from({ length: STORES_PER_REGION }, (_, i) => {
      const n = i + 1;
      const street = region.streets[i % region.streets.length]!;
      return {
        region: region.name,
        code: `${region.code}-${String(n).padStart(3, '0')}`,
        name: `Jiajia ${street.split(' ')[0]} #${n}`,
        // Three stores in ten are franchised, spread through each region.
        ownership: n % 10 === 3 || n % 10 === 6 || n % 10 === 9 ? ('franchise' as const) : ('direct' as const),
        address: `${10 + ((n * 37) % 890)} ${street}, ${region.district}`,
      };
    }),
  );

/** The chain's distribution centres, one per metro area, by region name. */
export const DEMO_WAREHOUSES = [
  { code: 'DC-SH', name: '上海浦东配送中心', region: 'Shanghai Pudong' },
  { code: 'DC-SZ', name: '苏州配送中心', region: 'Suzhou' },
] as const;

/**
 * Stores given an assortment at start-up: the demo manager's store and the first of the other
 * regions. Each sells every fifth SKU of the catalog (about 400), offset per store so ranges
 * differ; other stores start with none, since assortments are written 90 SKUs per request.
 */
export const ASSORTMENT_STORES = ['PD-001', 'PD-002', 'PX-001', 'SZ-001'] as const;
export const ASSORTMENT_EVERY = 5;
