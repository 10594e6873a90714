// Functions of the goods catalog (products, SKUs, barcode lookup, bulk import) and warehouses.
import type { ManifestInput } from '../manifest-schema.ts';

export const catalogFunctions = {} as const satisfies ManifestInput['functions'];
