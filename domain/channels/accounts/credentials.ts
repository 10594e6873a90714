// HQ connects its platform app (PUT /v1/channels/{channel}/credentials, audited). Three steps with
// undo (DESIGN rule 10), because the app directory item is the platform's (written with the
// function's own role) and the account is the tenant's (written with its vended credentials), so
// no one transaction can hold both: claim the app in the directory (refused when another chain
// holds it, or its pushes could name two tenants), let go of the app it replaces, then write the
// account with its audit entry. A failure undoes what was done, and nothing half-made is left; a
// push of the old app arriving between the last two steps is refused and redelivered.
import type { Clock } from '../../shared/clock.ts';
import type { Cipher } from '../../shared/crypto/cipher.ts';
import { isConditionalCheckFailed } from '../../shared/dynamo.ts';
import { retryOptimistically, RETRY } from '../../shared/optimistic-retry.ts';
import { runSteps } from '../../shared/steps.ts';
import type { TenantContext } from '../../shared/tenancy.ts';
import { auditEntry } from '../../audit/audit.ts';
import { ChannelAccountBusyError, ChannelAppTakenError } from '../errors.ts';
import type { ChannelAccountItem } from '../entities/channel-account-entity.ts';
import type { ChannelService } from '../channel-service.ts';
import type { ChannelPlatform } from '../platforms.ts';
import { appSecretContext } from './app-secret.ts';
import { accountView, type ChannelAccountView, type CredentialsChange } from './schemas.ts';

/** `channels`: the tenant's scope; `platform`: the directory, with the function's own client. */
type Deps = { channels: ChannelService; platform: ChannelService; cipher: Cipher; clock: Clock };

/** Whether this request created the directory item (and so must remove it on undo). */
const claimApp = async (tenantId: string, channel: ChannelPlatform, appId: string, at: Date, { platform }: Pick<Deps, 'platform'>): Promise<boolean> => {
  const { channelApp } = platform.entities;
  const held = (await channelApp.get({ channel, appId }).go({ consistent: true })).data;
  if (held) {
    if (held.tenantId !== tenantId) throw new ChannelAppTakenError();
    return false;
  }
  try {
    await channelApp.create({ channel, appId, tenantId, claimedAt: at.toISOString() }).go({ response: 'none' });
    return true;
  } catch (error) {
    if (!isConditionalCheckFailed(error)) throw error;
    // Claimed in the meantime: ours (a retry racing itself) or someone else's.
    if ((await channelApp.get({ channel, appId }).go({ consistent: true })).data?.tenantId !== tenantId) throw new ChannelAppTakenError();
    return false;
  }
};

/** Removes the directory item if it is still ours. */
const releaseApp = async (tenantId: string, channel: ChannelPlatform, appId: string, { platform }: Pick<Deps, 'platform'>): Promise<void> => {
  try {
    await platform.entities.channelApp
      .delete({ channel, appId })
      .where((a, { eq }) => eq(a.tenantId, tenantId))
      .go({ response: 'none' });
  } catch (error) {
    if (!isConditionalCheckFailed(error)) throw error;
  }
};

const summary = (a: Pick<ChannelAccountItem, 'appId' | 'pushUrl'>) => ({ appId: a.appId, pushUrl: a.pushUrl });

/** Puts `next` where `current` was (or nothing was), with its audit entry. */
const writeAccount = async (ctx: TenantContext, current: ChannelAccountItem | null, next: ChannelAccountItem, at: Date, { channels }: Pick<Deps, 'channels'>) => {
  const { canceled } = await channels.transaction
    .write(({ channelAccount, auditEntry: audit }) => [
      channelAccount
        .put(next)
        .where((a, { eq, notExists }) => (current ? eq(a.version, current.version) : notExists(a.appId)))
        .commit(),
      audit
        .create(auditEntry(ctx, { action: 'channel.credentials.set', targetType: 'channel', targetId: next.channel, before: current ? summary(current) : undefined, after: summary(next) }, at))
        .commit(),
    ])
    .go();
  if (canceled) throw new ChannelAccountBusyError();
};

/** Two admins saving at once both succeed, one after the other: the loser plans again on what the winner wrote. */
const MAX_ATTEMPTS = 4;

export const setCredentials = async (ctx: TenantContext, channel: ChannelPlatform, change: CredentialsChange, deps: Deps): Promise<ChannelAccountView> =>
  retryOptimistically(MAX_ATTEMPTS, () => new ChannelAccountBusyError(), async () => {
    const { tenantId } = ctx;
    const at = deps.clock.now();
    const current = (await deps.channels.entities.channelAccount.get({ tenantId, channel }).go({ consistent: true })).data;
    const next: ChannelAccountItem = {
      tenantId,
      channel,
      appId: change.appId,
      secretCipher: await deps.cipher.encrypt(change.appSecret, appSecretContext(tenantId, channel, change.appId)),
      pushUrl: change.pushUrl,
      updatedAt: at.toISOString(),
      updatedBy: ctx.userId,
      version: (current?.version ?? 0) + 1,
    };
    let claimed = false;
    const replaced = current && current.appId !== change.appId ? current.appId : undefined;
    try {
      await runSteps(
        [
          {
            id: 'claim-app',
            run: async () => {
              claimed = await claimApp(tenantId, channel, change.appId, at, deps);
            },
            // Not if the account runs it now: a concurrent save of the same app won with our claim.
            compensate: async () => {
              const now = (await deps.channels.entities.channelAccount.get({ tenantId, channel }).go({ consistent: true })).data;
              if (claimed && now?.appId !== change.appId) await releaseApp(tenantId, channel, change.appId, deps);
            },
          },
          {
            id: 'release-old-app',
            run: async () => (replaced ? releaseApp(tenantId, channel, replaced, deps) : undefined),
            compensate: async () => {
              if (replaced) await claimApp(tenantId, channel, replaced, at, deps);
            },
          },
          // Last, so the audit entry is written only with the change it records.
          { id: 'write-account', run: () => writeAccount(ctx, current, next, at, deps) },
        ],
        undefined,
      );
    } catch (error) {
      // Someone saved the account since we read it: everything above is undone; read and plan again.
      if (error instanceof ChannelAccountBusyError) return RETRY;
      throw error;
    }
    return accountView(next);
  });
