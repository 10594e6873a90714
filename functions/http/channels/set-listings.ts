import { httpHandler } from '../../middleware/http-handler.ts';
import { ok } from '../../middleware/responses.ts';
import { systemClock } from '../../../domain/shared/clock.ts';
import { createChannelService } from '../../../domain/channels/channel-service.ts';
import { ChannelPath } from '../../../domain/channels/platforms.ts';
import { setListings } from '../../../domain/channels/listings/listings.ts';
import { ListingChange, ListingView } from '../../../domain/channels/listings/schemas.ts';
import { scoped } from '../../../tenants/data-access.ts';

const channels = scoped(createChannelService);

export const handler = httpHandler({ path: ChannelPath, body: ListingChange, response: ListingView }, async ({ tenant, path, body }) =>
  ok(await setListings(tenant(), path.channel, body, { channels: await channels(tenant().tenantId), clock: systemClock })),
);
