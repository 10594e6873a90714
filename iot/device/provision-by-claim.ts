// Fleet provisioning by claim, device side: connect with the shared claim certificate, ask IoT Core
// for a key and certificate of our own (CreateKeysAndCertificate), then register them as a thing
// through the provisioning template (RegisterThing). IoT Core answers on `/accepted` or `/rejected`.
import { iotidentity, mqtt } from 'aws-iot-device-sdk-v2';
import { randomBytes } from 'node:crypto';
import { PROVISIONING_CLIENT_PREFIX } from '../policies.ts';
import { TERMINAL_TEMPLATE } from '../provisioning-template.ts';
import { connectMqtt, type MqttEndpoint } from './mqtt-connection.ts';

export type ProvisionByClaimOptions = MqttEndpoint & {
  /** Names the provisioning connection; it is always given the provisioning form the claim policy demands. */
  clientId?: string;
  claimCert: string;
  claimKey: string;
  template?: string;
  /** RegisterThing's parameters (iot/provisioning-template.ts DEVICE_PARAMETERS). */
  parameters: Record<string, string>;
  timeoutMs?: number;
};

export type ProvisionedDevice = { thingName: string; certificateId: string; certificatePem: string; privateKey: string };

/** IoT Core's `/rejected` answer: `statusCode`, `errorCode` (e.g. AccessDenied) and `errorMessage`. */
export class ProvisioningRejectedError extends Error {
  constructor(
    readonly operation: 'CreateKeysAndCertificate' | 'RegisterThing',
    readonly statusCode: number | undefined,
    readonly errorCode: string | undefined,
    errorMessage: string | undefined,
  ) {
    super(`${operation} rejected: ${statusCode} ${errorCode}: ${errorMessage}`);
    this.name = 'ProvisioningRejectedError';
  }
}

/** The claim policy lets the claim certificate connect only as `provision-...` (iot/policies.ts). */
export const provisioningClientId = (name = randomBytes(8).toString('hex')): string =>
  name.startsWith(PROVISIONING_CLIENT_PREFIX) ? name : `${PROVISIONING_CLIENT_PREFIX}${name}`;

type Outcome<T> = { accepted?: T; rejected?: iotidentity.model.ErrorResponse; error?: Error };

/** A promise for the next answer, and the handler to subscribe with for each of the two topics. */
const answer = <T>(timeoutMs: number, operation: string) => {
  let settle: (outcome: Outcome<T>) => void = () => undefined;
  const promise = new Promise<Outcome<T>>((resolve) => {
    const timer = setTimeout(() => resolve({ error: new Error(`${operation}: no answer within ${timeoutMs} ms`) }), timeoutMs);
    settle = (outcome) => (clearTimeout(timer), resolve(outcome));
  });
  return {
    promise,
    accepted: (error?: Error, response?: T) => settle(error ? { error } : { accepted: response }),
    rejected: (error?: Error, response?: iotidentity.model.ErrorResponse) => settle(error ? { error } : { rejected: response }),
  };
};

const settled = async <T>(operation: 'CreateKeysAndCertificate' | 'RegisterThing', promise: Promise<Outcome<T>>): Promise<T> => {
  const outcome = await promise;
  if (outcome.error) throw outcome.error;
  if (outcome.rejected) throw new ProvisioningRejectedError(operation, outcome.rejected.statusCode, outcome.rejected.errorCode, outcome.rejected.errorMessage);
  return outcome.accepted as T;
};

export const provisionByClaim = async (options: ProvisionByClaimOptions): Promise<ProvisionedDevice> => {
  const templateName = options.template ?? TERMINAL_TEMPLATE;
  const timeoutMs = options.timeoutMs ?? 15_000;
  const qos = mqtt.QoS.AtLeastOnce;
  const connection = await connectMqtt({ ...options, clientId: provisioningClientId(options.clientId), cert: options.claimCert, key: options.claimKey });
  try {
    const identity = new iotidentity.IotIdentityClient(connection);
    const keys = answer<iotidentity.model.CreateKeysAndCertificateResponse>(timeoutMs, 'CreateKeysAndCertificate');
    const registration = answer<iotidentity.model.RegisterThingResponse>(timeoutMs, 'RegisterThing');
    // Subscribed before asking: IoT Core sends each answer once, to subscribers only.
    await Promise.all([
      identity.subscribeToCreateKeysAndCertificateAccepted({}, qos, keys.accepted),
      identity.subscribeToCreateKeysAndCertificateRejected({}, qos, keys.rejected),
      identity.subscribeToRegisterThingAccepted({ templateName }, qos, registration.accepted),
      identity.subscribeToRegisterThingRejected({ templateName }, qos, registration.rejected),
    ]);
    await identity.publishCreateKeysAndCertificate({}, qos);
    const created = await settled('CreateKeysAndCertificate', keys.promise);
    await identity.publishRegisterThing({ templateName, certificateOwnershipToken: created.certificateOwnershipToken, parameters: options.parameters }, qos);
    const registered = await settled('RegisterThing', registration.promise);
    if (!registered.thingName || !created.certificateId || !created.certificatePem || !created.privateKey)
      throw new Error('Provisioning answered without a thing name, certificate or key');
    return { thingName: registered.thingName, certificateId: created.certificateId, certificatePem: created.certificatePem, privateKey: created.privateKey };
  } finally {
    await connection.disconnect().catch(() => undefined);
  }
};
