// A till registering itself end to end: HQ's provisioning code, fleet provisioning by claim through
// the real device SDK and the local IoT Core (the pre-provisioning hook is the real function), the
// thing's tenant and store attributes, the API's view of it, a retry revoking the certificate it
// replaces, and removal revoking its certificate.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DescribeCertificateCommand, DescribeThingCommand, ListThingPrincipalsCommand, ResourceNotFoundException } from '@aws-sdk/client-iot';
import type { mqtt } from 'aws-iot-device-sdk-v2';
import { call, cloud, eventually, expectEnvelope, newTenant, newUser, seedStores, type TestTenant } from '../support/api.ts';
import { fleetOf, newSerial } from '../support/devices.ts';
import { issueCode, terminalKit, type TerminalKit } from '../support/terminals.ts';
import { THING_ATTRIBUTES } from '../../iot/provisioning-template.ts';

let fleet: ReturnType<typeof fleetOf>;
let kit: TerminalKit;
let chain: TestTenant;
let storeId: string;
const open: mqtt.MqttClientConnection[] = [];

beforeAll(async () => {
  fleet = fleetOf(cloud());
  kit = await terminalKit();
  chain = await newTenant('fleet');
  storeId = (await seedStores(chain, 1)).stores[0]!.id;
}, 120_000);
afterAll(async () => {
  await Promise.all(open.map((c) => c.disconnect().catch(() => undefined)));
  fleet?.iot.destroy();
});

const thing = (thingName: string) => fleet.iot.send(new DescribeThingCommand({ thingName }));
const certificateStatus = async (certificateId: string) => (await fleet.iot.send(new DescribeCertificateCommand({ certificateId }))).certificateDescription?.status;
const principalsOf = async (thingName: string) => (await fleet.iot.send(new ListThingPrincipalsCommand({ thingName }))).principals ?? [];
const denied = { name: 'ProvisioningRejectedError', operation: 'RegisterThing', statusCode: 403, errorCode: 'AccessDenied' };

describe('a till registering with a provisioning code', () => {
  it("becomes a thing of the code's tenant and store, listed by the API, and can use its own topics", async () => {
    const device = await fleet.provision(await issueCode(chain, storeId));
    expect(device.thingName).toMatch(/^trm_[0-9A-HJKMNP-TV-Z]{26}$/);
    const { attributes } = await thing(device.thingName);
    expect(attributes).toEqual({ [THING_ATTRIBUTES.tenantId]: chain.tenantId, [THING_ATTRIBUTES.storeId]: storeId, [THING_ATTRIBUTES.serialNumber]: device.serialNumber });

    const listed = await call('GET', `/v1/terminals?storeId=${storeId}`, { token: chain.token });
    expect(listed.body.data).toEqual([expect.objectContaining({ id: device.thingName, storeId, serialNumber: device.serialNumber, certificateId: device.certificateId })]);
    const connection = await fleet.connect(device);
    open.push(connection);
    await expect(connection.publish(`storefleet/terminals/${device.thingName}/hello`, '{}', 1)).resolves.toBeDefined();
  });

  it('that lost its answer registers again with the same code, and its earlier certificate is revoked and detached', async () => {
    const code = await issueCode(chain, storeId);
    const serialNumber = newSerial();
    // The first registration went through in IoT Core, but the till never heard the answer: it
    // retries with the same code and a new key and certificate, before it ever connected.
    const lost = await fleet.provision(code, serialNumber);
    const count = await kit.count(chain.tenantId);
    const retry = await fleet.provision(code, serialNumber);
    expect(retry.thingName).toBe(lost.thingName);
    expect(retry.certificateId).not.toBe(lost.certificateId);
    expect(await kit.count(chain.tenantId)).toBe(count);

    expect(await certificateStatus(lost.certificateId)).toBe('REVOKED');
    expect(await certificateStatus(retry.certificateId)).toBe('ACTIVE');
    expect(await principalsOf(lost.thingName)).toEqual([expect.stringMatching(new RegExp(`:cert/${retry.certificateId}$`))]);
    expect((await call('GET', `/v1/terminals/${lost.thingName}`, { token: chain.token })).body.certificateId).toBe(retry.certificateId);

    await expect(fleet.connect(lost)).rejects.toThrow();
    const connection = await fleet.connect(retry);
    open.push(connection);
    await expect(connection.publish(`storefleet/terminals/${retry.thingName}/hello`, '{}', 1)).resolves.toBeDefined();
  });

  it('is refused with a spent code, and nothing is registered for it', async () => {
    const code = await issueCode(chain, storeId);
    await fleet.provision(code);
    const count = await kit.count(chain.tenantId);
    await expect(fleet.provision(code)).rejects.toMatchObject(denied);
    expect(await kit.count(chain.tenantId)).toBe(count);
  });

  it("is refused once the chain holds its tier's terminals, and registers when one is removed", async () => {
    const full = await newTenant('full-tills');
    const fullStore = (await seedStores(full, 1)).stores[0]!.id;
    const first = await fleet.provision(await issueCode(full, fullStore));
    const code = await issueCode(full, fullStore);
    // As if the chain had registered 9,999 more: the tier's 10,000 are taken.
    await kit.setCount(full.tenantId, 10_000);
    await expect(fleet.provision(code, 'SN-OVER-QUOTA')).rejects.toMatchObject(denied);
    expect((await call('GET', '/v1/terminals', { token: full.token })).body.data).toHaveLength(1);
    expectEnvelope(await call('POST', `/v1/stores/${fullStore}/provisioning-codes`, { token: full.token, body: {} }), 403, 'quota_exceeded');

    expect((await call('DELETE', `/v1/terminals/${first.thingName}`, { token: full.token })).status).toBe(200);
    expect(await kit.count(full.tenantId)).toBe(9_999);
    // The same till tries again with the same code: the place it was refused is free now.
    const second = await fleet.provision(code, 'SN-OVER-QUOTA');
    expect(await kit.count(full.tenantId)).toBe(10_000);
    expect((await thing(second.thingName)).attributes?.[THING_ATTRIBUTES.tenantId]).toBe(full.tenantId);
  });
});

describe('a connected till', () => {
  it('shows online while connected and offline once it goes', async () => {
    const device = await fleet.provision(await issueCode(chain, storeId));
    const status = async () => (await call('GET', `/v1/terminals/${device.thingName}`, { token: chain.token })).body;
    expect(await status()).toMatchObject({ status: 'offline', lastSeenAt: null });
    const connection = await fleet.connect(device);
    const online = await eventually(async () => ((await status()).status === 'online' ? await status() : undefined));
    expect(Date.parse(online.lastSeenAt)).toBeGreaterThan(Date.now() - 60_000);
    await connection.disconnect();
    const offline = await eventually(async () => ((await status()).status === 'offline' ? await status() : undefined));
    expect(Date.parse(offline.lastSeenAt)).toBeGreaterThanOrEqual(Date.parse(online.lastSeenAt));
  });
});

describe('DELETE /v1/terminals/{id}', () => {
  it("revokes the till's certificate (it is dropped and cannot reconnect), deletes its thing and frees its place", async () => {
    const engineer = await newUser(chain, 'field_engineer');
    const code = await issueCode(engineer, storeId);
    const device = await fleet.provision(code);
    const connection = await fleet.connect(device);
    const dropped = new Promise<void>((resolve) => connection.once('interrupt', () => resolve()));
    const count = await kit.count(chain.tenantId);

    const other = await newTenant('not-mine');
    expectEnvelope(await call('DELETE', `/v1/terminals/${device.thingName}`, { token: other.token }), 404, 'not_found');
    const cashier = await newUser(chain, 'cashier', [storeId]);
    expectEnvelope(await call('DELETE', `/v1/terminals/${device.thingName}`, { token: cashier.token }), 403, 'forbidden');
    expect((await thing(device.thingName)).thingName).toBe(device.thingName);

    const removed = await call('DELETE', `/v1/terminals/${device.thingName}`, { token: engineer.token });
    expect(removed.status).toBe(200);
    expect(removed.body).toMatchObject({ id: device.thingName, storeId, certificatesRevoked: [device.certificateId] });
    await dropped;
    await connection.disconnect().catch(() => undefined);
    await expect(fleet.connect(device)).rejects.toThrow();
    await expect(thing(device.thingName)).rejects.toBeInstanceOf(ResourceNotFoundException);
    expect(await kit.count(chain.tenantId)).toBe(count - 1);
    expectEnvelope(await call('GET', `/v1/terminals/${device.thingName}`, { token: chain.token }), 404, 'not_found');
    expectEnvelope(await call('DELETE', `/v1/terminals/${device.thingName}`, { token: engineer.token }), 404, 'not_found');
    // Its spent code does not bring it back: a removed till needs a new code.
    await expect(fleet.provision(code, device.serialNumber)).rejects.toMatchObject(denied);
    const audit = await call('GET', '/v1/audit', { token: chain.token });
    expect(audit.body.data).toContainEqual(expect.objectContaining({ action: 'terminal.removed', actor: { id: engineer.id, role: 'field_engineer' }, target: { type: 'terminal', id: device.thingName } }));
  });

  it('lets the same till register again with a new code once removed', async () => {
    const serialNumber = newSerial();
    const device = await fleet.provision(await issueCode(chain, storeId), serialNumber);
    await expect(fleet.provision(await issueCode(chain, storeId), serialNumber)).rejects.toMatchObject(denied);
    expect((await call('DELETE', `/v1/terminals/${device.thingName}`, { token: chain.token })).status).toBe(200);
    const again = await fleet.provision(await issueCode(chain, storeId), serialNumber);
    expect(again.thingName).not.toBe(device.thingName);
  });
});
