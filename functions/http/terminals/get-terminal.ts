import { httpHandler } from '../../middleware/http-handler.ts';
import { ok } from '../../middleware/responses.ts';
import { TerminalPath } from '../../../domain/terminals/schemas.ts';
import { getTerminal } from '../../../domain/terminals/terminals.ts';
import { createTerminalService } from '../../../domain/terminals/terminal-service.ts';
import { scoped } from '../../../tenants/data-access.ts';
import { TerminalView } from '../../../domain/terminals/views.ts';

const services = scoped(createTerminalService);

export const handler = httpHandler({ path: TerminalPath, response: TerminalView }, async ({ tenant, path }) =>
  ok(await getTerminal(tenant(), path.id, { service: await services(tenant().tenantId) })),
);
