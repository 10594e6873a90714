// Functions of the goods catalog (products, SKUs, barcode lookup, categories, store assortments,
// bulk import, catalog version) and warehouses.
import type { ManifestInput } from '../manifest-schema.ts';

const creating = { tables: { main: 'readWrite', idempotency: 'readWrite' } } as const;
const reading = { tables: { main: 'read' } } as const;
const writing = { tables: { main: 'readWrite' } } as const;

export const catalogFunctions = {
  createProduct: {
    entry: 'functions/http/catalog/create-product.ts',
    description: 'Create a product with its SKUs (codes and barcodes unique per chain); a catalog change',
    trigger: { type: 'http', method: 'POST', path: '/v1/products', access: ['hq_admin'] },
    bindings: creating,
  },
  listProducts: {
    entry: 'functions/http/catalog/list-products.ts',
    description: "The chain's products with their SKUs, oldest first; by status, category or brand",
    trigger: { type: 'http', method: 'GET', path: '/v1/products', access: 'signedIn' },
    bindings: reading,
  },
  getProduct: {
    entry: 'functions/http/catalog/get-product.ts',
    description: 'One product with its SKUs',
    trigger: { type: 'http', method: 'GET', path: '/v1/products/{id}', access: 'signedIn' },
    bindings: reading,
  },
  updateProduct: {
    entry: 'functions/http/catalog/update-product.ts',
    description: "Rename, re-file or archive a product, rewriting its SKUs' views; a catalog change",
    trigger: { type: 'http', method: 'PATCH', path: '/v1/products/{id}', access: ['hq_admin'] },
    bindings: writing,
  },
  listSkus: {
    entry: 'functions/http/catalog/list-skus.ts',
    description: 'Find SKUs: by barcode (the POS scan, one read), by code, by name, or list them',
    trigger: { type: 'http', method: 'GET', path: '/v1/skus', access: 'signedIn' },
    bindings: reading,
  },
  getSku: {
    entry: 'functions/http/catalog/get-sku.ts',
    description: 'One SKU with its product fields',
    trigger: { type: 'http', method: 'GET', path: '/v1/skus/{id}', access: 'signedIn' },
    bindings: reading,
  },
  updateSku: {
    entry: 'functions/http/catalog/update-sku.ts',
    description: "Change a SKU's own name, unit, list price, attributes or barcode, rewriting its views; a catalog change",
    trigger: { type: 'http', method: 'PATCH', path: '/v1/skus/{id}', access: ['hq_admin'] },
    bindings: writing,
  },
  importProducts: {
    entry: 'functions/http/catalog/import-products.ts',
    description: 'Start a bulk product import from CSV or JSON lines',
    trigger: { type: 'http', method: 'POST', path: '/v1/products:import', access: ['hq_admin'] },
    bindings: { ...creating, queues: { productImports: 'send' } },
  },
  importProductChunk: {
    entry: 'functions/sqs/import-product-chunk.ts',
    description: 'Import one chunk of product rows, each exactly once, and count it into its job',
    trigger: { type: 'sqs', queue: 'productImports', batchSize: 1 },
    bindings: writing,
    timeoutSeconds: 120,
  },
  endDeadProductChunk: {
    entry: 'functions/sqs/end-dead-product-chunk.ts',
    description: 'End the job of a product import chunk that dead-lettered: its unhandled rows fail as chunk_failed',
    trigger: { type: 'deadLetter', queue: 'productImports', batchSize: 1 },
    bindings: writing,
    timeoutSeconds: 30,
  },
  createCategory: {
    entry: 'functions/http/catalog/create-category.ts',
    description: 'Add a category to the tree; a catalog change',
    trigger: { type: 'http', method: 'POST', path: '/v1/categories', access: ['hq_admin'] },
    bindings: creating,
  },
  listCategories: {
    entry: 'functions/http/catalog/list-categories.ts',
    description: "The chain's category tree, parents first",
    trigger: { type: 'http', method: 'GET', path: '/v1/categories', access: 'signedIn' },
    bindings: reading,
  },
  getCatalogVersion: {
    entry: 'functions/http/catalog/get-catalog-version.ts',
    description: "The chain's catalog version, for terminals to tell whether to re-sync",
    trigger: { type: 'http', method: 'GET', path: '/v1/catalog/version', access: 'signedIn' },
    bindings: reading,
  },
  changeAssortment: {
    entry: 'functions/http/catalog/change-assortment.ts',
    description: 'Add SKUs to, or remove them from, what a store sells; a catalog change',
    trigger: { type: 'http', method: 'PUT', path: '/v1/stores/{id}/assortment', access: ['hq_admin'] },
    bindings: writing,
  },
  getAssortment: {
    entry: 'functions/http/catalog/get-assortment.ts',
    description: 'The SKUs a store sells; scoped roles see their own stores only',
    trigger: { type: 'http', method: 'GET', path: '/v1/stores/{id}/assortment', access: 'signedIn' },
    bindings: reading,
  },
  createWarehouse: {
    entry: 'functions/http/warehouses/create-warehouse.ts',
    description: 'Open a warehouse in a region',
    trigger: { type: 'http', method: 'POST', path: '/v1/warehouses', access: ['hq_admin'] },
    bindings: creating,
  },
  listWarehouses: {
    entry: 'functions/http/warehouses/list-warehouses.ts',
    description: "The chain's warehouses by code, filtered by region",
    trigger: { type: 'http', method: 'GET', path: '/v1/warehouses', access: 'signedIn' },
    bindings: reading,
  },
  getWarehouse: {
    entry: 'functions/http/warehouses/get-warehouse.ts',
    description: 'One warehouse',
    trigger: { type: 'http', method: 'GET', path: '/v1/warehouses/{id}', access: 'signedIn' },
    bindings: reading,
  },
} as const satisfies ManifestInput['functions'];
