import { httpHandler } from '../../middleware/http-handler.ts';
import { ok } from '../../middleware/responses.ts';
import { TerminalPath } from '../../../domain/terminals/schemas.ts';
import { removeTerminal } from '../../../domain/terminals/remove-terminal.ts';
import { iotDeviceRegistry } from '../../../domain/terminals/device-registry.ts';
import { createTerminalService } from '../../../domain/terminals/terminal-service.ts';
import { systemClock } from '../../../domain/shared/clock.ts';
import { scoped } from '../../../tenants/data-access.ts';
import { RemovedTerminalView } from '../../../domain/terminals/views.ts';

const services = scoped(createTerminalService);
const registry = iotDeviceRegistry();

export const handler = httpHandler({ path: TerminalPath, response: RemovedTerminalView }, async ({ tenant, path }) =>
  ok(await removeTerminal(tenant(), path.id, { service: await services(tenant().tenantId), registry, clock: systemClock })),
);
