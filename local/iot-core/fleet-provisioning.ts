// Fleet provisioning by claim over MQTT (IoT Core's "Device provisioning MQTT API"):
// CreateKeysAndCertificate issues a key and a certificate from the local CA, registered as
// PENDING_ACTIVATION with an ownership token; RegisterThing runs the template's pre-provisioning
// hook, then the template, and only then activates the certificate. Answers go to the requesting
// client alone, on `<request topic>/accepted` or `/rejected`, if it subscribed to them.
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { ProvisioningHookResult, type ProvisioningHookEvent, HOOK_TIMEOUT_SECONDS } from '../../iot/provisioning-template.ts';
import { certificateId as idOf, issueDeviceCertificate, type LocalPki } from '../certificates.ts';
import type { IotArns } from './arns.ts';
import { isSubscribed, type Connection } from './broker-auth.ts';
import type { IotRegistry } from './registry.ts';
import { evaluateTemplate, TemplateError, type TemplateBody } from './template.ts';
import { PROVISIONING_TOPICS, type ProvisioningRequest } from './topics.ts';

export type ProvisioningTemplate = { body: TemplateBody; /** The manifest function IoT Core calls as the pre-provisioning hook. */ hook?: string };

type Deps = {
  registry: IotRegistry;
  arns: IotArns;
  pki: Pick<LocalPki, 'caCert' | 'caKey'>;
  templates: Record<string, ProvisioningTemplate>;
  invoke: (functionName: string, event: ProvisioningHookEvent) => Promise<unknown>;
};

type Rejection = { statusCode: number; errorCode: string; errorMessage: string };

class Rejected extends Error {
  constructor(readonly rejection: Rejection) {
    super(rejection.errorMessage);
  }
}

const reject = (statusCode: number, errorCode: string, errorMessage: string) => new Rejected({ statusCode, errorCode, errorMessage });

const RegisterThingRequest = z.object({ certificateOwnershipToken: z.string().min(1), parameters: z.record(z.string(), z.string()).default({}) });

/** Ownership tokens are good for an hour, as IoT Core's are. */
const TOKEN_TTL_MS = 3_600_000;

const withTimeout = <T>(promise: Promise<T>, ms: number): Promise<T> =>
  new Promise((resolve, rejectPromise) => {
    const timer = setTimeout(() => rejectPromise(new Error(`no answer within ${ms} ms`)), ms);
    promise.then(resolve, rejectPromise).finally(() => clearTimeout(timer));
  });

export const createFleetProvisioning = (deps: Deps) => {
  const { registry, arns } = deps;
  const tokens = new Map<string, { certificateId: string; expires: number }>();

  const createKeysAndCertificate = async () => {
    const { cert, key } = await issueDeviceCertificate(deps.pki);
    const certificateId = idOf(cert);
    registry.registerCertificate(certificateId, cert, 'PENDING_ACTIVATION');
    const certificateOwnershipToken = randomBytes(48).toString('base64url');
    tokens.set(certificateOwnershipToken, { certificateId, expires: Date.now() + TOKEN_TTL_MS });
    return { certificateId, certificatePem: cert, privateKey: key, certificateOwnershipToken };
  };

  const runHook = async (functionName: string, event: ProvisioningHookEvent) => {
    try {
      // IoT Core gives the hook 5 s; a failure, a timeout or anything but an allow is a denial.
      const answer = ProvisioningHookResult.parse(await withTimeout(deps.invoke(functionName, event), HOOK_TIMEOUT_SECONDS * 1000));
      if (answer.allowProvisioning) return answer.parameterOverrides ?? {};
    } catch (error) {
      console.error(`[iot] pre-provisioning hook ${functionName}: ${(error as Error).message}`);
    }
    throw reject(403, 'AccessDenied', 'Pre-provisioning hook denied the request (ACCESS_DENIED)');
  };

  const registerThing = async (connection: Connection, templateName: string, payload: unknown) => {
    const template = deps.templates[templateName];
    if (!template) throw reject(404, 'ResourceNotFound', `Template ${templateName} does not exist`);
    const request = RegisterThingRequest.safeParse(payload);
    if (!request.success) throw reject(400, 'InvalidPayload', 'The request needs a certificateOwnershipToken and string parameters');
    const owned = tokens.get(request.data.certificateOwnershipToken);
    if (!owned || owned.expires < Date.now()) throw reject(400, 'InvalidCertificateOwnershipToken', 'Certificate ownership token is invalid or expired');
    const cert = registry.certificate(owned.certificateId);
    let parameters = request.data.parameters;
    if (template.hook) {
      const overrides = await runHook(template.hook, {
        claimCertificateId: connection.certificateId,
        certificateId: cert.certificateId,
        certificatePem: cert.certificatePem,
        templateArn: arns.provisioningTemplate(templateName),
        clientId: connection.client.id,
        parameters,
      });
      parameters = { ...parameters, ...overrides };
    }
    let plan;
    try {
      plan = evaluateTemplate(template.body, { ...parameters, 'AWS::IoT::Certificate::Id': cert.certificateId });
    } catch (error) {
      if (error instanceof TemplateError) throw reject(400, 'InvalidParameters', error.message);
      throw error;
    }
    if (plan.thing) {
      registry.upsertThing(plan.thing.thingName, plan.thing.attributes);
      registry.attachThingPrincipal(plan.thing.thingName, arns.certificate(cert.certificateId));
    }
    for (const policy of plan.policyNames) registry.attachPolicy(policy, cert.certificateId);
    registry.updateCertificate(cert.certificateId, plan.certificateStatus === 'INACTIVE' ? 'INACTIVE' : 'ACTIVE');
    tokens.delete(request.data.certificateOwnershipToken);
    return { deviceConfiguration: plan.deviceConfiguration, ...(plan.thing ? { thingName: plan.thing.thingName } : {}) };
  };

  const answer = (connection: Connection, topic: string, body: unknown) => {
    if (!isSubscribed(connection.client, topic)) return;
    connection.client.publish({ cmd: 'publish', topic, payload: Buffer.from(JSON.stringify(body)), qos: 1, dup: false, retain: false }, (error) => {
      if (error) console.error(`[iot] answer on ${topic}: ${error.message}`);
    });
  };

  const handle = async (connection: Connection, request: ProvisioningRequest, payload: Buffer) => {
    const topic = request.operation === 'createKeysAndCertificate' ? PROVISIONING_TOPICS.createKeysAndCertificate : PROVISIONING_TOPICS.registerThing(request.template);
    try {
      let body: unknown;
      try {
        body = payload.length ? JSON.parse(payload.toString('utf8')) : {};
      } catch {
        throw reject(400, 'InvalidPayload', 'The payload is not valid JSON');
      }
      const result = request.operation === 'createKeysAndCertificate' ? await createKeysAndCertificate() : await registerThing(connection, request.template, body);
      answer(connection, `${topic}/accepted`, result);
    } catch (error) {
      if (!(error instanceof Rejected)) console.error(`[iot] ${request.operation}: ${(error as Error).stack}`);
      answer(connection, `${topic}/rejected`, error instanceof Rejected ? error.rejection : { statusCode: 500, errorCode: 'InternalFailure', errorMessage: 'Internal failure' });
    }
  };

  return { handle: (connection: Connection, request: ProvisioningRequest, payload: Buffer) => void handle(connection, request, payload) };
};
