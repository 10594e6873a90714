// A platform app's secret: sealed under the manifest key with a context that binds it to its
// tenant, platform and app, and opened for pushes and calls. Opening costs a KMS call in AWS, so
// an instance keeps what it opened for a few minutes, keyed by the account's version (a new secret
// is a new version, so it is never served stale).
import type { Cipher } from '../../shared/crypto/cipher.ts';
import type { ChannelPlatform } from '../platforms.ts';

export const appSecretContext = (tenantId: string, channel: ChannelPlatform, appId: string) => ({
  tenantId,
  record: `channelAccount/${channel}/${appId}`,
  field: 'appSecret',
});

const KEEP_MS = 5 * 60_000;
const MAX_KEPT = 256;
const opened = new Map<string, { secret: string; until: number }>();

type Sealed = { tenantId: string; channel: ChannelPlatform; appId: string; secretCipher: string; version: number };

export const openAppSecret = async (account: Sealed, cipher: Cipher, now = Date.now()): Promise<string> => {
  const key = `${account.tenantId}/${account.channel}/${account.version}`;
  const kept = opened.get(key);
  if (kept && kept.until > now) return kept.secret;
  const secret = await cipher.decrypt(account.secretCipher, appSecretContext(account.tenantId, account.channel, account.appId));
  opened.delete(key);
  opened.set(key, { secret, until: now + KEEP_MS });
  if (opened.size > MAX_KEPT) opened.delete(opened.keys().next().value as string);
  return secret;
};
