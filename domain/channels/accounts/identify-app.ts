// Which tenant a push is for, from its verified credentials only: the push's app id finds the
// directory item naming the tenant, and that tenant's account must run the same app; its secret
// then verifies the signature. Nothing in the push's body names a tenant or is trusted before that.
import type { Cipher } from '../../shared/crypto/cipher.ts';
import { PushUnverifiedError } from '../errors.ts';
import type { AppAccount } from '../adapter.ts';
import type { ChannelService } from '../channel-service.ts';
import type { ChannelPlatform } from '../platforms.ts';
import { openAppSecret } from './app-secret.ts';

export type IdentifyDeps = { platform: ChannelService; channelsOf: (tenantId: string) => Promise<ChannelService>; cipher: Cipher };

export type IdentifiedApp = { tenantId: string; account: AppAccount; channels: ChannelService };

export const identifyApp = async (channel: ChannelPlatform, appId: string | undefined, deps: IdentifyDeps): Promise<IdentifiedApp> => {
  if (!appId) throw new PushUnverifiedError('no app_id');
  const app = (await deps.platform.entities.channelApp.get({ channel, appId }).go()).data;
  if (!app) throw new PushUnverifiedError('no account runs this app');
  const channels = await deps.channelsOf(app.tenantId);
  const account = (await channels.entities.channelAccount.get({ tenantId: app.tenantId, channel }).go()).data;
  // A directory item the account has moved away from verifies nothing.
  if (!account || account.appId !== appId) throw new PushUnverifiedError('the tenant’s account runs another app');
  const secret = await openAppSecret(account, deps.cipher);
  return { tenantId: app.tenantId, account: { appId, pushUrl: account.pushUrl, secret }, channels };
};
