// IoT Core's pre-provisioning hook for the terminals template: a terminal registering with a
// provisioning code (domain/terminals/provision-terminal.ts). The answer names the thing and the
// tenant and store it belongs to; those become its attributes, which is where a terminal's tenant
// identity comes from from then on. A refusal gives the device nothing but ACCESS_DENIED, so why
// is logged here for whoever looks into a till that will not register.
//
// A retry that replaces an earlier certificate retires it first (revoked, detached from the thing)
// through the device registry removal uses too. If that fails (IoT Core throttling or unavailable,
// or the 5 s running out), the registration fails closed: the error ends the invocation, IoT Core
// answers the till ACCESS_DENIED and does not call the hook again, and nothing was written, so the
// till's next retry (its code is good for 30 minutes) goes through the same path. Failing open
// would leave the thing two active certificates, the earlier one able to connect as the till until
// someone removes it, which is what a clone registering with a seen code and serial would want; and
// a hook that runs out of time is refused by IoT Core anyway, so open could never be promised. The
// cost: a till whose every retry meets a failing registry until its code expires must be removed
// and given a new code.
import { DEVICE_PARAMETERS, HOOK_PARAMETERS, ProvisioningHookEvent, type ProvisioningHookResult } from '../../iot/provisioning-template.ts';
import { provisionTerminal } from '../../domain/terminals/provision-terminal.ts';
import { certificateArnBeside, iotDeviceRegistry } from '../../domain/terminals/device-registry.ts';
import { createTerminalService } from '../../domain/terminals/terminal-service.ts';
import { systemClock } from '../../domain/shared/clock.ts';
import { platformScope, scoped } from '../../tenants/data-access.ts';
import { terminalQuota } from '../../tenants/terminal-quota.ts';
import { logger } from '../middleware/logger.ts';

const platform = createTerminalService(platformScope());
const terminalsOf = scoped(createTerminalService);
const registry = iotDeviceRegistry();

export const handler = async (raw: unknown): Promise<ProvisioningHookResult> => {
  const parsed = ProvisioningHookEvent.safeParse(raw);
  if (!parsed.success) {
    logger.warn('Terminal registration refused: not a provisioning hook event', { issues: parsed.error.issues });
    return { allowProvisioning: false };
  }
  const { parameters, certificateId, clientId, templateArn } = parsed.data;
  const request = { code: parameters[DEVICE_PARAMETERS.code] ?? '', serialNumber: parameters[DEVICE_PARAMETERS.serialNumber] ?? '', certificateId };
  // Certificates live in the template's account and region; DetachThingPrincipal takes their ARN.
  const retireCertificate = async (thingName: string, earlier: string) => {
    try {
      await registry.retireCertificate(thingName, certificateArnBeside(templateArn, earlier));
    } catch (error) {
      logger.error('Terminal registration retry refused: its earlier certificate could not be revoked', { thingName, earlier, certificateId, error: error as Error });
      throw error;
    }
  };
  const outcome = await provisionTerminal(request, { platform, terminalsOf, quota: terminalQuota, clock: systemClock, retireCertificate });
  if (!outcome.allowed) {
    logger.warn('Terminal registration refused', { reason: outcome.reason, serialNumber: request.serialNumber, clientId, certificateId });
    return { allowProvisioning: false };
  }
  if (outcome.supersedes) logger.warn('Terminal registration retried: earlier certificate revoked and detached', { thingName: outcome.thingName, supersedes: outcome.supersedes });
  logger.info('Terminal registered', { ...outcome, serialNumber: request.serialNumber, certificateId });
  return {
    allowProvisioning: true,
    parameterOverrides: {
      [HOOK_PARAMETERS.thingName]: outcome.thingName,
      [HOOK_PARAMETERS.tenantId]: outcome.tenantId,
      [HOOK_PARAMETERS.storeId]: outcome.storeId,
    },
  };
};
