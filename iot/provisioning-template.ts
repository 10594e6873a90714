// The fleet provisioning template terminals register through, and the contract of its
// pre-provisioning hook. A terminal connects with the shared claim certificate, asks IoT Core for a
// key and certificate of its own, then calls RegisterThing with the one-time code a field engineer
// got for the store. The hook (functions/iot/pre-provisioning-hook.ts) checks the code and the
// tenant's terminal quota and answers the thing's name and its tenant and store, which become the
// thing's attributes: the only place a terminal's tenant identity ever comes from.
import { z } from 'zod';

export const TERMINAL_TEMPLATE = 'terminals';

/** What a terminal sends in RegisterThing's `parameters`. */
export const DEVICE_PARAMETERS = { code: 'ProvisioningCode', serialNumber: 'SerialNumber' } as const;
/** What the hook sets, overriding anything a device sent under the same names. */
export const HOOK_PARAMETERS = { thingName: 'ThingName', tenantId: 'TenantId', storeId: 'StoreId' } as const;

/** Thing attributes a terminal carries; the cloud reads tenant and store from here only. */
export const THING_ATTRIBUTES = { tenantId: 'tenantId', storeId: 'storeId', serialNumber: 'serialNumber' } as const;

/** IoT Core's pre-provisioning hook input (developer guide, "Pre-provisioning hooks"). */
export const ProvisioningHookEvent = z.object({
  claimCertificateId: z.string(),
  certificateId: z.string(),
  certificatePem: z.string(),
  templateArn: z.string(),
  clientId: z.string(),
  parameters: z.record(z.string(), z.string()).default({}),
});
export type ProvisioningHookEvent = z.infer<typeof ProvisioningHookEvent>;

/** The hook's answer. IoT Core denies (ACCESS_DENIED) unless `allowProvisioning` is true. */
export const ProvisioningHookResult = z.object({
  allowProvisioning: z.boolean(),
  parameterOverrides: z.record(z.string(), z.string()).optional(),
});
export type ProvisioningHookResult = z.infer<typeof ProvisioningHookResult>;

/** IoT Core waits this long for the hook before it refuses the device. */
export const HOOK_TIMEOUT_SECONDS = 5;

const ref = (name: string) => ({ Ref: name });

/**
 * The template body (JSON in AWS). `policyName` is the stage's terminal policy: a thing's
 * certificate gets it, so a terminal can do only what iot/terminal-policy.ts allows.
 */
export const terminalTemplateBody = (policyName: string) => ({
  Parameters: {
    [DEVICE_PARAMETERS.code]: { Type: 'String' },
    [DEVICE_PARAMETERS.serialNumber]: { Type: 'String' },
    [HOOK_PARAMETERS.thingName]: { Type: 'String' },
    [HOOK_PARAMETERS.tenantId]: { Type: 'String' },
    [HOOK_PARAMETERS.storeId]: { Type: 'String' },
    'AWS::IoT::Certificate::Id': { Type: 'String' },
  },
  Resources: {
    thing: {
      Type: 'AWS::IoT::Thing',
      OverrideSettings: { AttributePayload: 'REPLACE', ThingGroups: 'DO_NOTHING', ThingTypeName: 'DO_NOTHING' },
      Properties: {
        ThingName: ref(HOOK_PARAMETERS.thingName),
        AttributePayload: {
          [THING_ATTRIBUTES.tenantId]: ref(HOOK_PARAMETERS.tenantId),
          [THING_ATTRIBUTES.storeId]: ref(HOOK_PARAMETERS.storeId),
          [THING_ATTRIBUTES.serialNumber]: ref(DEVICE_PARAMETERS.serialNumber),
        },
      },
    },
    certificate: {
      Type: 'AWS::IoT::Certificate',
      Properties: { CertificateId: ref('AWS::IoT::Certificate::Id'), Status: 'ACTIVE' },
    },
    policy: { Type: 'AWS::IoT::Policy', Properties: { PolicyName: policyName } },
  },
  DeviceConfiguration: {},
});
