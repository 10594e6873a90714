// A platform's push to POST /v1/channels/{channel}/webhook. The tenant comes only from the verified
// credentials: the push's app finds the account (accounts/identify-app.ts), whose secret must
// verify its signature over the registered push URL and whose clock window it must be in; until
// then nothing is read on the push's word and nothing is written. A verified push is handled to
// the end before it is answered (the platform retries anything but its "ok", and each handler
// resumes from what it recorded), except the developer console's unsigned URL check, which is
// answered and does nothing.
import type { Clock } from '../../shared/clock.ts';
import type { OrderDeps } from '../../orders/place-order.ts';
import type { PushRequest } from '../adapter.ts';
import { ADAPTERS } from '../adapters.ts';
import { identifyApp, type IdentifyDeps } from '../accounts/identify-app.ts';
import type { ChannelPlatform } from '../platforms.ts';
import { receiveOrder } from './order-push.ts';
import { applyStatus } from './status-push.ts';
import { platformContext, type PushContext, type PushOutcome } from './push-context.ts';

export type PushDeps = IdentifyDeps & { ordersOf: (tenantId: string) => Promise<OrderDeps>; clock: Clock };

export const receivePush = async (channel: ChannelPlatform, request: PushRequest, deps: PushDeps): Promise<PushOutcome> => {
  const adapter = ADAPTERS[channel];
  const push = adapter.readPush(request);
  if (push.urlCheck) return { kind: 'check', outcome: 'acknowledged' };
  const { tenantId, account, channels } = await identifyApp(channel, push.appId, deps);
  adapter.verifyPush(push, account, deps.clock.now());
  const meaning = adapter.interpretPush(push);
  if (meaning.kind === 'check') return { kind: 'check', outcome: 'acknowledged' };
  if (meaning.kind === 'other') return { kind: 'other', platformOrderId: meaning.platformOrderId, outcome: `ignored ${meaning.what}` };
  const p: PushContext = {
    ctx: platformContext(tenantId, channel),
    channel,
    adapter,
    app: { appId: account.appId, secret: account.secret },
    channels,
    orders: await deps.ordersOf(tenantId),
    clock: deps.clock,
  };
  return meaning.kind === 'order' ? receiveOrder(p, meaning.order) : applyStatus(p, meaning);
};
