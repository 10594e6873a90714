// IoT Core's pre-provisioning hook for the terminals template: a terminal registering with a
// provisioning code (domain/terminals/provision-terminal.ts). The answer names the thing and the
// tenant and store it belongs to; those become its attributes, which is where a terminal's tenant
// identity comes from from then on. A refusal gives the device nothing but ACCESS_DENIED, so why
// is logged here for whoever looks into a till that will not register.
import { DEVICE_PARAMETERS, HOOK_PARAMETERS, ProvisioningHookEvent, type ProvisioningHookResult } from '../../iot/provisioning-template.ts';
import { provisionTerminal } from '../../domain/terminals/provision-terminal.ts';
import { createTerminalService } from '../../domain/terminals/terminal-service.ts';
import { systemClock } from '../../domain/shared/clock.ts';
import { platformScope, scoped } from '../../tenants/data-access.ts';
import { terminalQuota } from '../../tenants/terminal-quota.ts';
import { logger } from '../middleware/logger.ts';

const platform = createTerminalService(platformScope());
const terminalsOf = scoped(createTerminalService);

export const handler = async (raw: unknown): Promise<ProvisioningHookResult> => {
  const parsed = ProvisioningHookEvent.safeParse(raw);
  if (!parsed.success) {
    logger.warn('Terminal registration refused: not a provisioning hook event', { issues: parsed.error.issues });
    return { allowProvisioning: false };
  }
  const { parameters, certificateId, clientId } = parsed.data;
  const request = { code: parameters[DEVICE_PARAMETERS.code] ?? '', serialNumber: parameters[DEVICE_PARAMETERS.serialNumber] ?? '', certificateId };
  const outcome = await provisionTerminal(request, { platform, terminalsOf, quota: terminalQuota, clock: systemClock });
  if (!outcome.allowed) {
    logger.warn('Terminal registration refused', { reason: outcome.reason, serialNumber: request.serialNumber, clientId, certificateId });
    return { allowProvisioning: false };
  }
  // A retry's earlier certificate is still active in IoT Core until it is revoked (provision-terminal.ts).
  if (outcome.supersedes) logger.warn('Terminal registration retried: earlier certificate superseded', { thingName: outcome.thingName, supersedes: outcome.supersedes });
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
