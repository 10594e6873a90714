// The local IoT Core emulation, driven by the real device SDK (aws-iot-device-sdk-v2) and the real
// control-plane client (@aws-sdk/client-iot): fleet provisioning by claim through a fixture
// pre-provisioning hook, policy enforcement on the broker, and revoking, detaching and deleting
// a terminal. This file runs its own local cloud with a fixture manifest. Local-only.
import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DeleteThingCommand,
  DescribeCertificateCommand,
  DescribeThingCommand,
  DetachThingPrincipalCommand,
  IoTClient,
  ListThingPrincipalsCommand,
  UpdateCertificateCommand,
} from '@aws-sdk/client-iot';
import { iotidentity, mqtt } from 'aws-iot-device-sdk-v2';
import { startLocalCloud, type LocalCloud } from '../../local/cloud.ts';
import { connectTerminal } from '../../iot/device/connect-terminal.ts';
import { connectMqtt, parseMqttUrl, type MqttEndpoint } from '../../iot/device/mqtt-connection.ts';
import { provisionByClaim, ProvisioningRejectedError, type ProvisionedDevice } from '../../iot/device/provision-by-claim.ts';
import { TERMINAL_TEMPLATE } from '../../iot/provisioning-template.ts';
import { iotCoreManifest } from '../fixtures/iot-core-manifest.ts';
import { FIXTURE_TENANT } from '../fixtures/functions/provisioning-hook.ts';

let cloud: LocalCloud;
let iot: IoTClient;
let endpoint: MqttEndpoint;
let claim: { claimCert: string; claimKey: string };
const qos = mqtt.QoS.AtLeastOnce;
const open: mqtt.MqttClientConnection[] = [];
/** Unique per run, so a persisted registry or a rerun never meets an old thing. */
const run = Date.now().toString(36);

beforeAll(async () => {
  cloud = await startLocalCloud({ port: 0, mqttPort: 0, stage: 'fixture', manifest: iotCoreManifest });
  iot = new IoTClient({ endpoint: cloud.endpoints.iot, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  endpoint = { ...parseMqttUrl(cloud.mqttUrl), caPath: join(cloud.iotDir, 'ca.pem') };
  claim = { claimCert: readFileSync(join(cloud.iotDir, 'claim.pem'), 'utf8'), claimKey: readFileSync(join(cloud.iotDir, 'claim.key'), 'utf8') };
});
afterAll(async () => {
  await Promise.all(open.map((c) => c.disconnect().catch(() => undefined)));
  iot?.destroy();
  await cloud?.stop();
});

const kept = <T extends mqtt.MqttClientConnection>(connection: T): T => (open.push(connection), connection);
const provision = (serial: string, code = 'good') =>
  provisionByClaim({ ...endpoint, ...claim, clientId: `provision-${serial}`, parameters: { ProvisioningCode: code, SerialNumber: serial } });
const asTerminal = (device: ProvisionedDevice, clientId?: string) => connectTerminal({ ...endpoint, ...device, clientId });

/** Resolves when the broker drops the connection (IoT Core's answer to an unauthorized publish, or a revoked certificate). */
const dropped = (connection: mqtt.MqttClientConnection) => new Promise<void>((resolve) => connection.once('interrupt', () => resolve()));
const within = <T>(promise: Promise<T>, ms: number, what: string) =>
  Promise.race([promise, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`${what}: not within ${ms} ms`)), ms))]);
/** Subscribes; `received(ms)` is the first message on `topic`, or undefined when none came within `ms`. */
const nextMessage = async (connection: mqtt.MqttClientConnection, topic: string) => {
  let deliver: (text: string) => void = () => undefined;
  const message = new Promise<string>((resolve) => (deliver = resolve));
  const granted = await connection.subscribe(topic, qos, (_topic, payload) => deliver(Buffer.from(payload).toString('utf8')));
  return { granted, received: (ms: number) => Promise.race([message, sleep(ms).then(() => undefined)]) };
};
const subscribeRefused = async (connection: mqtt.MqttClientConnection, filter: string) => {
  const granted = await connection.subscribe(filter, qos).catch((error: Error) => ({ qos: 128, error_code: -1, error }));
  return granted.qos === 128 || Boolean(granted.error_code);
};

const eventuallyDefined = async <T>(read: () => T | undefined, ms = 10_000): Promise<T> => {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = read();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`no answer within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
};

describe('fleet provisioning by claim', () => {
  it('provisions a terminal: the hook names the thing, its tenant and store become attributes, the certificate is active and attached', async () => {
    const serial = `ok-${run}`;
    const device = await provision(serial);
    expect(device.thingName).toBe(`terminal-${serial}`);
    expect(device.certificateId).toMatch(/^[0-9a-f]{64}$/);

    const thing = await iot.send(new DescribeThingCommand({ thingName: device.thingName }));
    expect(thing.attributes).toEqual({ tenantId: FIXTURE_TENANT.tenantId, storeId: FIXTURE_TENANT.storeId, serialNumber: serial });
    const { certificateDescription } = await iot.send(new DescribeCertificateCommand({ certificateId: device.certificateId }));
    expect(certificateDescription?.status).toBe('ACTIVE');
    expect(certificateDescription?.certificatePem).toBe(device.certificatePem);
    const { principals } = await iot.send(new ListThingPrincipalsCommand({ thingName: device.thingName }));
    expect(principals).toEqual([certificateDescription?.certificateArn]);
  });

  it('refuses a code the hook denies: AccessDenied, no thing, and the new certificate stays pending and unusable', async () => {
    const serial = `denied-${run}`;
    const connection = kept(await connectMqtt({ ...endpoint, clientId: `provision-${serial}`, cert: claim.claimCert, key: claim.claimKey }));
    const identity = new iotidentity.IotIdentityClient(connection);
    const answers: Record<string, unknown> = {};
    const record = (name: string) => (error?: Error, response?: unknown) => void (answers[name] = error ?? response);
    await Promise.all([
      identity.subscribeToCreateKeysAndCertificateAccepted({}, qos, record('keys')),
      identity.subscribeToRegisterThingAccepted({ templateName: TERMINAL_TEMPLATE }, qos, record('registered')),
      identity.subscribeToRegisterThingRejected({ templateName: TERMINAL_TEMPLATE }, qos, record('rejected')),
    ]);
    await identity.publishCreateKeysAndCertificate({}, qos);
    const keys = await eventuallyDefined(() => answers.keys as iotidentity.model.CreateKeysAndCertificateResponse | undefined);
    await identity.publishRegisterThing({ templateName: TERMINAL_TEMPLATE, certificateOwnershipToken: keys.certificateOwnershipToken, parameters: { ProvisioningCode: 'bad', SerialNumber: serial } }, qos);
    const rejected = await eventuallyDefined(() => answers.rejected as iotidentity.model.ErrorResponse | undefined);
    expect(rejected).toMatchObject({ statusCode: 403, errorCode: 'AccessDenied' });
    expect(answers.registered).toBeUndefined();

    await expect(iot.send(new DescribeThingCommand({ thingName: `terminal-${serial}` }))).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
    const { certificateDescription } = await iot.send(new DescribeCertificateCommand({ certificateId: keys.certificateId }));
    expect(certificateDescription?.status).toBe('PENDING_ACTIVATION');
    const unusable = { thingName: `terminal-${serial}`, certificatePem: keys.certificatePem!, privateKey: keys.privateKey!, certificateId: keys.certificateId! };
    await expect(asTerminal(unusable)).rejects.toThrow();
  });

  it('denies when the hook throws or answers after 5 s', async () => {
    const refusal = { name: 'ProvisioningRejectedError', statusCode: 403, errorCode: 'AccessDenied' };
    await expect(provision(`crash-${run}`, 'crash')).rejects.toMatchObject(refusal);
    const started = Date.now();
    const slow = await provision(`slow-${run}`, 'slow').catch((error: unknown) => error);
    expect(slow).toBeInstanceOf(ProvisioningRejectedError);
    expect(slow).toMatchObject(refusal);
    expect(Date.now() - started).toBeGreaterThanOrEqual(4_900);
    await expect(iot.send(new DescribeThingCommand({ thingName: `terminal-slow-${run}` }))).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
  });

  it("answers only the requesting client: another claim client subscribed to the answers gets nothing", async () => {
    const bystander = kept(await connectMqtt({ ...endpoint, clientId: `provision-bystander-${run}`, cert: claim.claimCert, key: claim.claimKey }));
    const keys = await nextMessage(bystander, '$aws/certificates/create/json/accepted');
    const registered = await nextMessage(bystander, `$aws/provisioning-templates/${TERMINAL_TEMPLATE}/provision/json/accepted`);
    expect(keys.granted.qos).toBe(1);
    await provision(`watched-${run}`);
    expect(await keys.received(500)).toBeUndefined();
    expect(await registered.received(500)).toBeUndefined();
  });
});

describe('policies on the broker', () => {
  let first: ProvisionedDevice;
  let second: ProvisionedDevice;
  beforeAll(async () => {
    [first, second] = await Promise.all([provision(`a-${run}`), provision(`b-${run}`)]);
  });

  it('the claim certificate may subscribe and publish only on provisioning topics', async () => {
    const connection = kept(await connectMqtt({ ...endpoint, clientId: `provision-probe-${run}`, cert: claim.claimCert, key: claim.claimKey }));
    expect(await subscribeRefused(connection, `storefleet/terminals/${first.thingName}/#`)).toBe(true);
    expect(await subscribeRefused(connection, '#')).toBe(true);
    expect(await subscribeRefused(connection, `$aws/things/${first.thingName}/shadow/update`)).toBe(true);
    expect(await subscribeRefused(connection, '$aws/certificates/create/json/accepted')).toBe(false);
    const drop = dropped(connection);
    await connection.publish(`storefleet/terminals/${first.thingName}/status`, '{}', mqtt.QoS.AtMostOnce);
    await within(drop, 5_000, 'disconnect after an unauthorized publish');
  });

  it('the claim certificate connects only with a provisioning client id, never as a terminal', async () => {
    const asClaim = (clientId: string) => connectMqtt({ ...endpoint, clientId, cert: claim.claimCert, key: claim.claimKey });
    // A terminal online as its thing: a claim connection with its client id would take its place.
    const till = kept(await asTerminal(first));
    const interrupted = dropped(till);
    await expect(asClaim(first.thingName)).rejects.toThrow();
    await expect(asClaim(`claim-${run}`)).rejects.toThrow();
    await expect(asClaim(`x-provision-${run}`)).rejects.toThrow();
    expect(await Promise.race([interrupted.then(() => 'dropped'), sleep(500).then(() => 'still connected')])).toBe('still connected');
    kept(await asClaim(`provision-${run}`));
  });

  it("a terminal uses its own topics and none of another terminal's", async () => {
    const connection = kept(await asTerminal(first));
    const own = `storefleet/terminals/${first.thingName}/status`;
    const echo = await nextMessage(connection, own);
    expect(echo.granted.qos).toBe(1);
    await connection.publish(own, '{"ok":true}', qos);
    expect(await echo.received(5_000)).toBe('{"ok":true}');
    expect(await subscribeRefused(connection, `$aws/things/${first.thingName}/shadow/update/accepted`)).toBe(false);

    expect(await subscribeRefused(connection, `storefleet/terminals/${second.thingName}/status`)).toBe(true);
    expect(await subscribeRefused(connection, 'storefleet/terminals/+/status')).toBe(true);
    const drop = dropped(connection);
    await connection.publish(`storefleet/terminals/${second.thingName}/status`, '{}', mqtt.QoS.AtMostOnce);
    await within(drop, 5_000, 'disconnect after publishing on another thing');
  });

  it('refuses a terminal whose client id is not its thing name, even another thing\'s', async () => {
    await expect(asTerminal(first, `not-${first.thingName}`)).rejects.toThrow();
    await expect(asTerminal(first, second.thingName)).rejects.toThrow();
  });
});

describe('control plane', () => {
  it('revokes a terminal (its connection drops and it cannot come back), then detaches and deletes its thing', async () => {
    const device = await provision(`gone-${run}`);
    const connection = kept(await asTerminal(device));
    const { principals } = await iot.send(new ListThingPrincipalsCommand({ thingName: device.thingName }));
    expect(principals).toHaveLength(1);

    const drop = dropped(connection);
    await iot.send(new UpdateCertificateCommand({ certificateId: device.certificateId, newStatus: 'REVOKED' }));
    await within(drop, 5_000, 'disconnect after revocation');
    await expect(asTerminal(device)).rejects.toThrow();
    const { certificateDescription } = await iot.send(new DescribeCertificateCommand({ certificateId: device.certificateId }));
    expect(certificateDescription?.status).toBe('REVOKED');
    await expect(iot.send(new UpdateCertificateCommand({ certificateId: device.certificateId, newStatus: 'ACTIVE' }))).rejects.toMatchObject({ name: 'CertificateStateException' });
    // Revoking again is no error (UpdateCertificate is idempotent); IoT Core's own statuses are not for callers.
    await iot.send(new UpdateCertificateCommand({ certificateId: device.certificateId, newStatus: 'REVOKED' }));
    for (const newStatus of ['PENDING_ACTIVATION', 'PENDING_TRANSFER'] as const)
      await expect(iot.send(new UpdateCertificateCommand({ certificateId: device.certificateId, newStatus }))).rejects.toMatchObject({ name: 'InvalidRequestException' });

    await expect(iot.send(new DeleteThingCommand({ thingName: device.thingName }))).rejects.toMatchObject({ name: 'InvalidRequestException' });
    await iot.send(new DetachThingPrincipalCommand({ thingName: device.thingName, principal: principals![0] }));
    expect((await iot.send(new ListThingPrincipalsCommand({ thingName: device.thingName }))).principals).toEqual([]);
    await iot.send(new DeleteThingCommand({ thingName: device.thingName }));
    await expect(iot.send(new DescribeThingCommand({ thingName: device.thingName }))).rejects.toMatchObject({ name: 'ResourceNotFoundException', $metadata: { httpStatusCode: 404 } });
  });

  it('answers unknown certificates and things as IoT Core does', async () => {
    const unknown = 'f'.repeat(64);
    await expect(iot.send(new DescribeCertificateCommand({ certificateId: unknown }))).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
    await expect(iot.send(new UpdateCertificateCommand({ certificateId: unknown, newStatus: 'INACTIVE' }))).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
    await expect(iot.send(new ListThingPrincipalsCommand({ thingName: `nobody-${run}` }))).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
    // Deleting a thing that is not there succeeds.
    await iot.send(new DeleteThingCommand({ thingName: `nobody-${run}` }));
  });
});
