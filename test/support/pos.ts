// Offline-till test helpers: a till registered into a store (a provisioning code from HQ, then the
// registration use case, as fleet provisioning runs it), a sale as the till would send it, and the
// two sync routes.
import { randomBytes } from 'node:crypto';
import { call, type TestTenant } from './api.ts';
import { issueCode, type TerminalKit } from './terminals.ts';

export const newTill = async (kit: TerminalKit, t: Pick<TestTenant, 'token'>, storeId: string): Promise<string> => {
  const outcome = await kit.register({ code: await issueCode(t, storeId), serialNumber: `SN-${randomBytes(5).toString('hex').toUpperCase()}` });
  if (!outcome.allowed) throw new Error(`till registration refused: ${JSON.stringify(outcome)}`);
  return outcome.thingName;
};

export type TillLine = { skuId: string; quantity: number; unitPrice: number };
export type TillSale = {
  clientSaleId: string;
  seq: number;
  occurredAt: string;
  storeId: string;
  lines: TillLine[];
  payments: { method: string; amount: number; providerTxnId?: string }[];
};

/** Sale `seq` of a till, paid in cash for exactly what its lines charge unless `over` says otherwise. */
export const tillSale = (tag: string, seq: number, storeId: string, lines: TillLine[], over: Partial<TillSale> = {}): TillSale => ({
  clientSaleId: `${tag}-${seq}`,
  seq,
  occurredAt: new Date(Date.now() - 60_000).toISOString(),
  storeId,
  lines,
  payments: [{ method: 'cash', amount: lines.reduce((n, l) => n + l.quantity * l.unitPrice, 0) }],
  ...over,
});

export const syncSales = (token: string, terminalId: string, sales: readonly unknown[]) => call('POST', '/v1/pos/sales:sync', { token, body: { terminalId, sales } });

export const syncStatus = (token: string, terminalId: string) => call('GET', `/v1/pos/terminals/${terminalId}/sync-status`, { token });
