// Signup: a new chain gets its tenant, its first hq_admin and a tenant.created event. Two steps
// with undo: the admin's login at the identity provider, then one DynamoDB transaction for
// everything else, so a failure leaves neither a half-made tenant nor an orphaned login. A silo
// chain's items go to its own table; the transaction spans it and the shared directory.
import { z } from 'zod';
import { AlreadyExistsError } from '../domain/shared/errors.ts';
import { newId } from '../domain/shared/ids.ts';
import type { Clock } from '../domain/shared/clock.ts';
import { runSteps } from '../domain/shared/steps.ts';
import { outboxItem } from '../domain/shared/events/outbox-event.ts';
import { Password } from './passwords.ts';
import type { TenancyService } from './store.ts';
import { TENANT_TIERS } from '../domain/shared/tiers.ts';
import type { IdentityProvider } from './identity/identity-provider.ts';
import type { TenantRoute } from './entities/tenant-directory.ts';
import type { SiloTables } from './silo-tables.ts';
import { admitSlug, SlugReservedError } from './silo-reservations.ts';
import type { SignupView } from './views.ts';

export const SignupInput = z.object({
  name: z.string().trim().min(1).max(120),
  slug: z
    .string()
    .regex(/^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?$/, 'lowercase letters, digits and inner hyphens, at most 40 characters'),
  adminEmail: z.email().max(254).transform((e) => e.toLowerCase()),
  adminPassword: Password,
  tier: z.enum(TENANT_TIERS).default('pooled'),
  /** The one-time token the operator issued with a provisioned silo slug (silo-reservations.ts). */
  siloToken: z.string().min(1).max(200).optional(),
});
export type SignupInput = z.infer<typeof SignupInput>;

/**
 * A new chain's settings. Rates are basis points: the franchise royalty HQ takes of a franchised
 * store's net sales, and the payment processing fee providers charge (0.38% is WeChat Pay and
 * Alipay's usual rate for convenience retail).
 */
export const DEFAULT_SETTINGS = { currency: 'CNY', timezone: 'Asia/Shanghai', locale: 'zh-CN', royaltyRateBps: 600, paymentFeeRateBps: 38 } as const;

/** `platform` checks the slug; `tenancyFor` reaches where the new tenant's items will live. */
type Deps = { platform: TenancyService; tenancyFor: (route: TenantRoute) => TenancyService; siloTables: SiloTables; identity: IdentityProvider; clock: Clock };

const slugTaken = (slug: string) => new AlreadyExistsError(`tenant slug "${slug}"`);

export const signUp = async (input: SignupInput, { platform, tenancyFor, siloTables, identity, clock }: Deps): Promise<SignupView> => {
  // Cheap early answer for the common conflict; the transaction's condition is the guarantee.
  if ((await platform.entities.tenantSlug.get({ slug: input.slug }).go({ consistent: true })).data) throw slugTaken(input.slug);
  // A reserved slug, or any silo signup, needs its token: checked before anything is written.
  const tokenHash = await admitSlug(input, { platform, clock });
  // Not undone on a later failure: an empty table under a slug nobody holds is harmless, and a
  // retried signup for the same slug finds it ready.
  if (input.tier === 'silo') await siloTables.ensure(input.slug);

  const now = clock.now();
  const tenantId = newId('tenant', now.getTime());
  const userId = newId('user', now.getTime());
  const createdAt = now.toISOString();
  const tenant = { tenantId, slug: input.slug, name: input.name, tier: input.tier, status: 'active' as const, settings: { ...DEFAULT_SETTINGS }, createdAt };
  const admin = { tenantId, userId, email: input.adminEmail, role: 'hq_admin' as const, storeIds: [] as string[] };
  const event = outboxItem(tenantId, 'tenant.created', { tenantId, slug: input.slug, name: input.name, adminUserId: userId }, now);
  const route = { tenantId, slug: input.slug, tier: input.tier };
  const service = tenancyFor(route);

  const state: { passwordHash?: string; undoLogin?: () => Promise<void> } = {};
  await runSteps(
    [
      {
        id: 'register-admin-login',
        run: async () => {
          const { passwordHash, undo } = await identity.register(admin, input.adminPassword);
          Object.assign(state, { passwordHash, undoLogin: undo });
        },
        compensate: async () => state.undoLogin?.(),
      },
      {
        id: 'write-tenant',
        run: async () => {
          const { canceled, data } = await service.transaction
            .write(({ tenant: t, tenantSlug, tenantDirectory, user, userEmail, outboxEvent, siloReservation }) => [
              tenantSlug.create({ slug: input.slug, tenantId }).commit(),
              tenantDirectory.create(route).commit(),
              t.create(tenant).commit(),
              user.create({ ...admin, passwordHash: state.passwordHash, createdAt }).commit(),
              userEmail.create({ tenantId, email: input.adminEmail, userId }).commit(),
              outboxEvent.create(event).commit(),
              // Spends the token in the same commit: a second signup with it finds it claimed.
              ...(tokenHash
                ? [
                    siloReservation
                      .patch({ slug: input.slug })
                      .set({ claimedAt: createdAt, claimedBy: tenantId })
                      .where((a, { eq, notExists, gt }) => `${eq(a.tokenHash, tokenHash)} AND ${notExists(a.claimedAt)} AND ${gt(a.tokenExpiresAt, createdAt)}`)
                      .commit(),
                  ]
                : []),
            ])
            .go();
          if (!canceled) return;
          const codes: (string | undefined)[] = data.map((d) => d.code);
          if (codes[0] === 'ConditionalCheckFailed') throw slugTaken(input.slug);
          if (codes[6] === 'ConditionalCheckFailed') throw new SlugReservedError(input.slug);
          throw new Error(`Signup transaction canceled: ${JSON.stringify(codes)}`);
        },
      },
    ],
    undefined,
  );
  return {
    tenant: { id: tenantId, slug: tenant.slug, name: tenant.name, tier: tenant.tier, status: tenant.status },
    admin: { id: userId, email: admin.email },
  };
};
