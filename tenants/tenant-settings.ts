// HQ renames the chain or changes its settings; the audit trail keeps the before and after.
import { z } from 'zod';
import { TimeZone } from '../domain/shared/time-zone.ts';
import { NotFoundError } from '../domain/shared/errors.ts';
import type { Clock } from '../domain/shared/clock.ts';
import type { TenantContext } from '../domain/shared/tenancy.ts';
import { auditEntry } from '../domain/audit/audit.ts';
import type { TenancyService } from './store.ts';
import { getTenantProfile } from './tenant-profile.ts';
import type { TenantView } from './views.ts';

const Bps = z.number().int().min(0).max(10_000);

export const TenantPatch = z
  .object({
    name: z.string().trim().min(1).max(120).optional(),
    settings: z
      .object({
        // Money is kept in fen: CNY is the one currency the platform settles in today.
        currency: z.literal('CNY').optional(),
        timezone: TimeZone.optional(),
        locale: z.string().regex(/^[a-z]{2,3}(-[A-Z][a-z]{3})?(-[A-Z]{2})?$/, 'a BCP 47 tag such as zh-CN').optional(),
        royaltyRateBps: Bps.optional(),
        paymentFeeRateBps: Bps.optional(),
        orderHoldMinutes: z.number().int().min(1).max(24 * 60).optional(),
      })
      .strict()
      .optional(),
  })
  .strict()
  .refine((p) => p.name !== undefined || (p.settings && Object.keys(p.settings).length > 0), 'nothing to change');
export type TenantPatch = z.infer<typeof TenantPatch>;

export const updateTenant = async (ctx: TenantContext, patch: TenantPatch, { service, clock }: { service: TenancyService; clock: Clock }): Promise<TenantView> => {
  const before = await getTenantProfile(ctx, { service });
  const after = { ...before, name: patch.name ?? before.name, settings: { ...before.settings, ...patch.settings } };
  const now = clock.now();
  const { canceled } = await service.transaction
    .write(({ tenant, auditEntry: a }) => [
      tenant.patch({ tenantId: ctx.tenantId }).set({ name: after.name, settings: after.settings }).commit(),
      a.create(auditEntry(ctx, { action: 'tenant.updated', targetType: 'tenant', targetId: ctx.tenantId, before, after }, now)).commit(),
    ])
    .go();
  if (canceled) throw new NotFoundError('tenant');
  return after;
};
