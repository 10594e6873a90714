import { httpHandler } from '../../middleware/http-handler.ts';
import { ok } from '../../middleware/responses.ts';
import { TerminalListQuery } from '../../../domain/terminals/schemas.ts';
import { listTerminals } from '../../../domain/terminals/terminals.ts';
import { createTerminalService } from '../../../domain/terminals/terminal-service.ts';
import { scoped } from '../../../tenants/data-access.ts';
import { TerminalPage } from '../../../domain/terminals/views.ts';

const services = scoped(createTerminalService);

export const handler = httpHandler({ query: TerminalListQuery, response: TerminalPage }, async ({ tenant, query }) =>
  ok(await listTerminals(tenant(), query, { service: await services(tenant().tenantId) })),
);
