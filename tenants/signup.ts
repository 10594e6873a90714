// Signup: a new chain gets its tenant, its first hq_admin and a tenant.created event, all in one
// DynamoDB transaction, so a failure leaves nothing half-made and the event exists iff the tenant does.
import { z } from 'zod';
import { AlreadyExistsError, DomainError } from '../domain/shared/errors.ts';
import { newId } from '../domain/shared/ids.ts';
import type { Clock } from '../domain/shared/clock.ts';
import { outboxItem } from '../domain/shared/events/outbox-event.ts';
import { hashPassword } from './passwords.ts';
import type { TenancyService } from './store.ts';
import { TENANT_TIERS } from './entities/tenant.ts';

export const SignupInput = z.object({
  name: z.string().trim().min(1).max(120),
  slug: z
    .string()
    .regex(/^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?$/, 'lowercase letters, digits and inner hyphens, at most 40 characters'),
  adminEmail: z.email().max(254).transform((e) => e.toLowerCase()),
  adminPassword: z.string().min(10).max(128),
  tier: z.enum(TENANT_TIERS).default('pooled'),
});
export type SignupInput = z.infer<typeof SignupInput>;

export const DEFAULT_SETTINGS = { currency: 'CNY', timezone: 'Asia/Shanghai', locale: 'zh-CN' } as const;

export const signUp = async (input: SignupInput, deps: { service: TenancyService; clock: Clock }) => {
  if (input.tier === 'silo')
    // Silo tenants get their own table from a CDK stack; until that provisioning exists we refuse
    // rather than quietly put a silo tenant in the pooled table.
    throw new DomainError('tier_unavailable', 'The silo tier cannot be provisioned yet; sign up as pooled');

  const now = deps.clock.now();
  const tenantId = newId('tenant', now.getTime());
  const userId = newId('user', now.getTime());
  const tenant = {
    tenantId,
    slug: input.slug,
    name: input.name,
    tier: input.tier,
    status: 'active' as const,
    settings: { ...DEFAULT_SETTINGS },
    createdAt: now.toISOString(),
  };
  const admin = { tenantId, userId, email: input.adminEmail, role: 'hq_admin' as const, storeIds: [] };
  const event = outboxItem(tenantId, 'tenant.created', { tenantId, slug: input.slug, name: input.name, adminUserId: userId }, now);

  const passwordHash = await hashPassword(input.adminPassword);
  const { canceled, data } = await deps.service.transaction
    .write(({ tenant: t, tenantSlug, user, userEmail, outboxEvent }) => [
      tenantSlug.create({ slug: input.slug, tenantId }).commit(),
      t.create(tenant).commit(),
      user.create({ ...admin, passwordHash, createdAt: tenant.createdAt }).commit(),
      userEmail.create({ tenantId, email: input.adminEmail, userId }).commit(),
      outboxEvent.create(event).commit(),
    ])
    .go();
  if (canceled) {
    if (data[0]?.code === 'ConditionalCheckFailed') throw new AlreadyExistsError(`tenant slug "${input.slug}"`);
    throw new Error(`Signup transaction canceled: ${JSON.stringify(data.map((d) => d.code))}`);
  }
  return {
    tenant: { id: tenantId, slug: tenant.slug, name: tenant.name, tier: tenant.tier, status: tenant.status },
    admin: { id: userId, email: admin.email },
  };
};
