// Functions of the till's offline selling: syncing the sales it made offline, and where that sync
// stands for a terminal.
import type { ManifestInput } from '../manifest-schema.ts';

/** The till's signed-in staff: a store's cashiers, managers and its franchisee (checked against the terminal's store). */
const storeStaff = ['store_manager', 'cashier', 'franchisee'] as const;
/** Whoever may see the terminal (GET /v1/terminals/{id}). */
const terminalReaders = ['hq_admin', 'store_manager', 'cashier', 'field_engineer', 'franchisee'] as const;

export const posFunctions = {
  syncPosSales: {
    entry: 'functions/http/pos/sync-sales.ts',
    description: "Record a till's offline sales, each exactly once however often or in whatever order its batches arrive",
    trigger: { type: 'http', method: 'POST', path: '/v1/pos/sales:sync', access: [...storeStaff] },
    bindings: { tables: { main: 'readWrite', idempotency: 'readWrite' } },
    // A batch of 50 sales, one transaction each, takes a few seconds; the HTTP API waits at most 30.
    timeoutSeconds: 28,
  },
  getPosSyncStatus: {
    entry: 'functions/http/pos/get-sync-status.ts',
    description: "Where a terminal's offline-sale sync stands: its highest gap-free seq, the seqs missing, its last sync",
    trigger: { type: 'http', method: 'GET', path: '/v1/pos/terminals/{id}/sync-status', access: [...terminalReaders] },
    bindings: { tables: { main: 'read' } },
  },
} as const satisfies ManifestInput['functions'];
