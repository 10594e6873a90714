import { httpHandler } from '../../middleware/http-handler.ts';
import { ok } from '../../middleware/responses.ts';
import { SyncStatusPath } from '../../../domain/orders/offline/schemas.ts';
import { getSyncStatus } from '../../../domain/orders/offline/sync-status.ts';
import { SyncStatusView } from '../../../domain/orders/offline/views.ts';
import { createStockService } from '../../../domain/inventory/stock-service.ts';
import { createTerminalService } from '../../../domain/terminals/terminal-service.ts';
import { scoped } from '../../../tenants/data-access.ts';

const services = scoped((scope) => ({ service: createStockService(scope), terminals: createTerminalService(scope) }));

export const handler = httpHandler({ path: SyncStatusPath, response: SyncStatusView }, async ({ tenant, path }) => ok(await getSyncStatus(tenant(), path.id, await services(tenant().tenantId))));
