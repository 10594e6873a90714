// `npm run stock:verify` against the run's local cloud: found through the gateway's /health as it
// is for `npm start`, silent on a ledger that adds up, and naming the level when one is corrupted.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { DynamoDBClient, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { cloud } from '../support/api.ts';
import { stockKit, type StockKit } from '../support/stock.ts';

let kit: StockKit;
const run = promisify(execFile);

beforeAll(async () => {
  kit = await stockKit();
});

/** Runs the npm script's command for one tenant; resolves with its exit code and output. */
const verify = async (tenantId: string, ...extra: string[]) => {
  const argv = ['tsx', 'tools/stock-verify.ts', '--api', cloud().apiUrl, '--stage', 'test', '--tenant', tenantId, ...extra];
  const env = { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' };
  try {
    const { stdout } = await run('npx', argv, { env });
    return { code: 0, stdout };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    if (e.code !== 1) throw new Error(`stock:verify failed: ${e.stderr}`);
    return { code: e.code, stdout: e.stdout ?? '' };
  }
};

describe('stock:verify', () => {
  it('passes a ledger that adds up and reports a corrupted level until it is put right', async () => {
    const { postStock } = await import('../../domain/inventory/ledger/ledger.ts');
    const { placeReservation } = await import('../../domain/inventory/reservations/reservation-ledger.ts');
    const [tenantId, store, a, b] = [kit.fresh.tenant(), kit.fresh.store(), kit.fresh.sku(), kit.fresh.sku()];
    const receipt = (skuId: string, quantity: number) => ({ locationId: store, skuId, movement: { type: 'receipt' as const, quantity }, guard: 'none' as const });
    await postStock({ tenantId, postingId: kit.newId('posting'), changes: [receipt(a, 12), receipt(b, 4)] }, kit.deps);
    await placeReservation(tenantId, { reservationId: kit.newId('reservation'), locationId: store, channel: 'online', lines: [{ skuId: a, quantity: 5 }], expiresAt: new Date(Date.UTC(2032, 0)) }, kit.deps);
    const clean = await verify(tenantId);
    expect(clean).toEqual({ code: 0, stdout: expect.stringContaining('Checked 2 (location, SKU) pairs') });
    expect(clean.stdout).toContain('0 difference(s)');

    const dynamo = new DynamoDBClient({ endpoint: cloud().endpoints.dynamodb, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
    const nudge = (skuId: string, expression: string) =>
      dynamo.send(new UpdateItemCommand({ TableName: cloud().tables.main, Key: { pk: { S: `${tenantId}#stock#${store}` }, sk: { S: skuId } }, UpdateExpression: expression, ExpressionAttributeNames: { '#free': 'free' }, ExpressionAttributeValues: { ':n': { N: '1' } } }));
    await nudge(a, 'ADD onHand :n, #free :n');
    await nudge(b, 'ADD reserved :n, #free :n');
    const dirty = await verify(tenantId, '--json');
    expect(dirty.code).toBe(1);
    const report = JSON.parse(dirty.stdout);
    const bySku = (skuId: string) => report.differences.find((d: { skuId: string }) => d.skuId === skuId);
    expect(report.differences).toHaveLength(2);
    expect(bySku(a)).toMatchObject({ tenantId, locationId: store, level: { onHand: 13, reserved: 5, free: 8 }, ledger: 12, held: 5, drift: { onHand: 1, reserved: 0, free: 0 } });
    expect(bySku(b)).toMatchObject({ level: { onHand: 4, reserved: 1, free: 5 }, ledger: 4, held: 0, drift: { onHand: 0, reserved: 1, free: 2 } });
    expect((await verify(tenantId)).stdout).toContain(`DIFFERENCE ${tenantId} ${store} ${a}: onHand 13, reserved 5, free 8; ledger says onHand 12, active reservations hold 5`);

    await nudge(a, 'SET onHand = onHand - :n, #free = #free - :n');
    await nudge(b, 'SET reserved = reserved - :n, #free = #free - :n');
    expect((await verify(tenantId)).code).toBe(0);
    dynamo.destroy();
  }, 120_000);
});
