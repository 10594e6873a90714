// HQ adds the chain's users: a login at the identity provider, then the user, its email pointer
// and the audit entry in one transaction; the login is undone if the transaction fails.
import { z } from 'zod';
import { AlreadyExistsError, ValidationError } from '../domain/shared/errors.ts';
import { idPattern, newId } from '../domain/shared/ids.ts';
import type { Clock } from '../domain/shared/clock.ts';
import { runSteps } from '../domain/shared/steps.ts';
import { ROLES, STORE_SCOPED_ROLES, type TenantContext } from '../domain/shared/tenancy.ts';
import { auditEntry } from '../domain/audit/audit.ts';
import { Password } from './passwords.ts';
import type { TenancyService } from './store.ts';
import type { IdentityProvider } from './identity/identity-provider.ts';
import type { UserView } from './views.ts';

export const NewUser = z
  .object({
    email: z.email().max(254).transform((e) => e.toLowerCase()),
    password: Password,
    role: z.enum(ROLES),
    storeIds: z.array(z.string().regex(idPattern('store'), 'a store id (sto_...)')).max(50).default([]),
  })
  .superRefine((u, ctx) => {
    const scoped = STORE_SCOPED_ROLES.includes(u.role);
    if (scoped && u.storeIds.length === 0) ctx.addIssue({ code: 'custom', path: ['storeIds'], message: `a ${u.role} needs at least one store` });
    if (!scoped && u.storeIds.length > 0) ctx.addIssue({ code: 'custom', path: ['storeIds'], message: `a ${u.role} acts for the whole chain and takes no stores` });
  });
export type NewUser = z.infer<typeof NewUser>;

type Deps = { service: TenancyService; identity: IdentityProvider; clock: Clock; existingStoreIds: (ids: readonly string[]) => Promise<Set<string>> };

const emailTaken = (email: string) => new AlreadyExistsError(`user with email ${email}`);

export const createUser = async (ctx: TenantContext, input: NewUser, deps: Deps): Promise<UserView> => {
  const storeIds = [...new Set(input.storeIds)];
  const known = await deps.existingStoreIds(storeIds);
  const unknown = storeIds.flatMap((id, i) => (known.has(id) ? [] : [{ path: `body.storeIds.${i}`, message: 'No such store in this chain' }]));
  if (unknown.length) throw new ValidationError(unknown);
  const { userEmail } = deps.service.entities;
  if ((await userEmail.get({ tenantId: ctx.tenantId, email: input.email }).go({ consistent: true })).data) throw emailTaken(input.email);

  const now = deps.clock.now();
  const user = { tenantId: ctx.tenantId, userId: newId('user', now.getTime()), email: input.email, role: input.role, storeIds };
  const view: UserView = { id: user.userId, email: user.email, role: user.role, storeIds, createdAt: now.toISOString() };
  const state: { passwordHash?: string; undo?: () => Promise<void> } = {};
  await runSteps(
    [
      {
        id: 'register-login',
        run: async () => {
          const { passwordHash, undo } = await deps.identity.register(user, input.password);
          Object.assign(state, { passwordHash, undo });
        },
        compensate: async () => state.undo?.(),
      },
      {
        id: 'write-user',
        run: async () => {
          const { canceled, data } = await deps.service.transaction
            .write(({ user: u, userEmail: e, auditEntry: a }) => [
              e.create({ tenantId: ctx.tenantId, email: user.email, userId: user.userId }).commit(),
              u.create({ ...user, passwordHash: state.passwordHash, createdAt: view.createdAt }).commit(),
              a.create(auditEntry(ctx, { action: 'user.created', targetType: 'user', targetId: user.userId, after: { email: user.email, role: user.role, storeIds } }, now)).commit(),
            ])
            .go();
          if (!canceled) return;
          if (data[0]?.code === 'ConditionalCheckFailed') throw emailTaken(user.email);
          throw new Error(`User transaction canceled: ${JSON.stringify(data.map((d) => d.code))}`);
        },
      },
    ],
    undefined,
  );
  return view;
};
