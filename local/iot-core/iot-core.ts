// IoT Core's part in terminal provisioning, locally, on the MQTT broker: the registry, broker
// authentication and authorization by certificate and policy, fleet provisioning by claim with the
// manifest's pre-provisioning hooks, and the control plane the cloud's functions call.
import { join } from 'node:path';
import type { Aedes } from 'aedes';
import type { Manifest } from '../../infra/manifest-schema.ts';
import { claimPolicy, terminalPolicy } from '../../iot/policies.ts';
import { TERMINAL_TEMPLATE, terminalTemplateBody } from '../../iot/provisioning-template.ts';
import { certificateId, type LocalPki } from '../certificates.ts';
import { iotArns } from './arns.ts';
import { installBrokerAuth } from './broker-auth.ts';
import { publishLifecycleEvents } from './lifecycle-events.ts';
import { startIotControlPlane } from './control-plane.ts';
import { createFleetProvisioning, type ProvisioningTemplate } from './fleet-provisioning.ts';
import type { PolicyDocument } from './policy-evaluator.ts';
import { createIotRegistry } from './registry.ts';

export const REGISTRY_FILE = 'registry.json';

/** Local names of the stage's IoT policies (the terminal policy is what the template attaches). */
export const localPolicyNames = (service: string, stage: string) => ({ terminal: `${service}-${stage}-terminal`, claim: `${service}-${stage}-claim` });

type Options = {
  broker: Aedes;
  pki: LocalPki;
  manifest: Manifest;
  stage: string;
  region: string;
  /** Keep the registry in `pki.dir` across restarts. */
  persist: boolean;
  invoke: (functionName: string, event: unknown) => Promise<unknown>;
  controlPlanePort?: number;
};

/** Each template a manifest function hooks, with that function as its hook; the terminal template always. */
const templatesOf = (manifest: Manifest, policyName: string): Record<string, ProvisioningTemplate> => {
  const templates: Record<string, ProvisioningTemplate> = { [TERMINAL_TEMPLATE]: { body: terminalTemplateBody(policyName) } };
  for (const [name, { trigger }] of Object.entries(manifest.functions)) {
    if (trigger.type !== 'iotProvisioningHook') continue;
    if (trigger.template !== TERMINAL_TEMPLATE) console.warn(`[iot] ${name} hooks template ${trigger.template}, which has no local body; ignored`);
    else templates[TERMINAL_TEMPLATE] = { body: terminalTemplateBody(policyName), hook: name };
  }
  return templates;
};

export type IotCore = Awaited<ReturnType<typeof startIotCore>>;

export const startIotCore = async (options: Options) => {
  const arns = iotArns(options.region);
  const names = localPolicyNames(options.manifest.service, options.stage);
  const policies: Record<string, PolicyDocument> = { [names.terminal]: terminalPolicy(arns.prefix), [names.claim]: claimPolicy(arns.prefix) };
  const registry = createIotRegistry(arns, options.persist ? join(options.pki.dir, REGISTRY_FILE) : undefined);
  // The claim certificate is registered like any other, with only the claim policy attached.
  const claimId = certificateId(options.pki.claimCert);
  registry.registerCertificate(claimId, options.pki.claimCert, 'ACTIVE', [names.claim]);

  const provisioning = createFleetProvisioning({
    registry,
    arns,
    pki: options.pki,
    templates: templatesOf(options.manifest, names.terminal),
    invoke: options.invoke,
  });
  const auth = installBrokerAuth(options.broker, { registry, arns, policy: (name) => policies[name], onProvisioningRequest: provisioning.handle });
  publishLifecycleEvents(options.broker, auth.certificateOf);
  const controlPlane = await startIotControlPlane(registry, arns, options.controlPlanePort);
  return {
    registry,
    arns,
    policyNames: names,
    controlPlaneEndpoint: controlPlane.endpoint,
    health: () => ({
      status: controlPlane.server.listening ? ('up' as const) : ('down' as const),
      endpoint: controlPlane.endpoint,
      authorizedClients: auth.connectedClients(),
      registry: options.persist ? 'persisted' : 'in memory',
    }),
    stop: controlPlane.stop,
  };
};
