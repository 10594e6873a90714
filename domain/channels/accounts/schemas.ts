// HQ connecting a platform app (PUT /v1/channels/{channel}/credentials) and what it is shown back:
// never the secret, only that one is set.
import { z } from 'zod';
import { Timestamp } from '../../shared/fields.ts';
import { ChannelPlatform } from '../platforms.ts';

export const CredentialsChange = z.object({
  appId: z.string().trim().regex(/^[A-Za-z0-9_-]{1,64}$/, 'the app id the platform issued: letters, digits, _ and -, at most 64'),
  appSecret: z.string().min(8).max(256).describe('Write-only: stored encrypted, never returned'),
  pushUrl: z
    .url({ protocol: /^https?$/, message: 'an http(s) URL' })
    .max(500)
    .describe('This webhook’s URL exactly as registered in the platform’s developer console: the push signature covers it'),
});
export type CredentialsChange = z.infer<typeof CredentialsChange>;

export const ChannelAccountView = z
  .object({
    channel: ChannelPlatform,
    appId: z.string(),
    pushUrl: z.string(),
    secretSet: z.literal(true).describe('The secret is stored (encrypted); it is never returned'),
    updatedAt: Timestamp,
    updatedBy: z.string(),
  })
  .meta({ id: 'ChannelAccount' });
export type ChannelAccountView = z.output<typeof ChannelAccountView>;

export const accountView = (a: { channel: ChannelPlatform; appId: string; pushUrl: string; updatedAt: string; updatedBy: string }): ChannelAccountView => ({
  channel: a.channel,
  appId: a.appId,
  pushUrl: a.pushUrl,
  secretSet: true,
  updatedAt: a.updatedAt,
  updatedBy: a.updatedBy,
});
