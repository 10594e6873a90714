// Registering a till: IoT Core gives the pre-provisioning hook 5 seconds, so what it costs matters.
// Three ways, interleaved in one run:
//   transaction - a bare TransactWriteItems of the registration's seven items (baseline)
//   useCase     - provisionTerminal() in-process: code read, quota, the conditional transaction
//   endToEnd    - a till provisioning by claim through the device SDK: mTLS connect, a new key and
//                 certificate from the local CA, RegisterThing running the real hook function
import { TransactWriteItemsCommand } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LocalCloud } from '../local/cloud.ts';
import { parseMqttUrl } from '../iot/device/mqtt-connection.ts';
import { provisionByClaim } from '../iot/device/provision-by-claim.ts';
import { measureInterleaved, writeResult } from './measure.ts';
import { bareClient, countedScope, useLocalEngine } from './local-engine.ts';

const OPTIONS = { warmup: 5, iterations: 60 };

type Session = { token: string; tenantId: string; userId: string };

export const runTerminalsBench = async (cloud: LocalCloud, session: Session) => {
  useLocalEngine(cloud);
  const { provisionTerminal } = await import('../domain/terminals/provision-terminal.ts');
  const { issueProvisioningCode } = await import('../domain/terminals/issue-provisioning-code.ts');
  const { createTerminalService } = await import('../domain/terminals/terminal-service.ts');

  const post = async <T>(path: string, body: unknown): Promise<T> => {
    const res = await fetch(`${cloud.apiUrl}${path}`, { method: 'POST', headers: { authorization: `Bearer ${session.token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    if (res.status !== 201) throw new Error(`${path}: ${res.status} ${await res.text()}`);
    return res.json() as Promise<T>;
  };
  const region = await post<{ id: string }>('/v1/regions', { name: 'Bench region' });
  const store = await post<{ id: string }>('/v1/stores', { code: 'BENCH-TILLS', name: 'Bench store', regionId: region.id, ownership: 'direct', address: '1 Bench Road' });

  const counted = countedScope(cloud);
  const service = createTerminalService(counted.scope);
  const ctx = { tenantId: session.tenantId, userId: session.userId, role: 'hq_admin' as const, storeIds: [] };
  const quota = async () => ({ tier: 'pooled' as const, limit: 10_000 });
  const deps = { service, clock: { now: () => new Date() }, quota };
  const rounds = OPTIONS.warmup + OPTIONS.iterations;
  // Codes are issued before the clock starts: a registration spends one.
  const codes = await Promise.all(Array.from({ length: rounds * 2 + 1 }, () => issueProvisioningCode(ctx, store.id, deps).then((c) => c.code)));
  const serial = () => `BENCH-${randomBytes(5).toString('hex')}`;
  const register = (code: string) => provisionTerminal({ code, serialNumber: serial(), certificateId: randomBytes(32).toString('hex') }, {
      platform: service,
      terminalsOf: async () => service,
      quota,
      clock: deps.clock,
      // Every bench registration spends a fresh code, so none is a retry that supersedes a certificate.
      retireCertificate: async () => {
        throw new Error('bench registrations never retry');
      },
    });

  const raw = bareClient(cloud);
  const table = cloud.tables.main!;
  const put = (item: Record<string, unknown>) => ({ Put: { TableName: table, Item: marshall(item), ConditionExpression: 'attribute_not_exists(pk)' } });
  const bareRegistration = () => {
    const id = randomBytes(8).toString('hex');
    const t = session.tenantId;
    return new TransactWriteItemsCommand({
      TransactItems: [
        put({ pk: `platform#bench-code#${id}`, sk: 'code', status: 'used', tenantId: t, storeId: store.id, thingName: `trm_${id}` }),
        { ConditionCheck: { TableName: table, Key: marshall({ pk: `${t}#store#${store.id}`, sk: 'store' }), ConditionExpression: 'attribute_exists(pk)' } },
        { Update: { TableName: table, Key: marshall({ pk: `${t}#bench-count`, sk: 'count' }), UpdateExpression: 'ADD #c :one', ExpressionAttributeNames: { '#c': 'count' }, ExpressionAttributeValues: marshall({ ':one': 1 }) } },
        put({ pk: `${t}#bench-serial#${id}`, sk: 'serial', thingName: `trm_${id}` }),
        put({ pk: `${t}#bench-terminal#${id}`, sk: 'terminal', storeId: store.id, serialNumber: id, certificateId: 'c'.repeat(64), provisionedAt: new Date().toISOString() }),
        put({ pk: `platform#bench-thing#${id}`, sk: 'terminal', tenantId: t }),
        put({ pk: `${t}#bench-audit`, sk: id, action: 'terminal.provisioned', at: new Date().toISOString() }),
      ],
    });
  };

  const iotDir = cloud.iotDir;
  const device = { ...parseMqttUrl(cloud.mqttUrl), ca: readFileSync(join(iotDir, 'ca.pem'), 'utf8'), claimCert: readFileSync(join(iotDir, 'claim.pem'), 'utf8'), claimKey: readFileSync(join(iotDir, 'claim.key'), 'utf8') };
  let next = 0;
  const results = await measureInterleaved(
    {
      transaction: async () => void (await raw.send(bareRegistration())),
      useCase: async () => {
        const outcome = await register(codes[next++]!);
        if (!outcome.allowed) throw new Error(`registration refused: ${outcome.reason}`);
      },
      endToEnd: async () => {
        const sn = serial();
        await provisionByClaim({ ...device, clientId: `claim-${sn}`, parameters: { ProvisioningCode: codes[next++]!, SerialNumber: sn } });
      },
    },
    OPTIONS,
  );
  counted.calls.length = 0;
  await register(codes[next]!);
  const dynamoCallsPerRegistration = counted.calls.length;
  raw.destroy();
  counted.destroy();

  const ratio = (a: number, b: number) => Math.round((a / b) * 100) / 100;
  const result = {
    description: 'Registering a till: bare TransactWriteItems of its 7 items vs provisionTerminal() in-process vs fleet provisioning by claim end to end (device SDK, local IoT Core, the real hook)',
    dynamoCallsPerRegistration,
    results,
    ratios: { useCaseOverTransactionP50: ratio(results.useCase.p50Ms, results.transaction.p50Ms), endToEndOverTransactionP50: ratio(results.endToEnd.p50Ms, results.transaction.p50Ms) },
  };
  writeResult('terminals', result);
  return result;
};
