// Approving an application onboards the franchisee as one flow of steps with undo (DESIGN rule
// 10): claim the application, open the franchised store, create the franchisee's user and login
// scoped to it, create the store's settlement profile, then mark the application approved. A
// failure at any step undoes the finished ones in reverse, so no store, user, login or profile
// is left behind and the application is `submitted` again, ready to be retried or rejected.
import { newId } from '../../domain/shared/ids.ts';
import type { Clock } from '../../domain/shared/clock.ts';
import type { Cipher } from '../../domain/shared/crypto/cipher.ts';
import { runSteps, type Step } from '../../domain/shared/steps.ts';
import type { TenantContext } from '../../domain/shared/tenancy.ts';
import { InvalidStateError, transition } from '../../domain/franchise/application-state.ts';
import { requireApplication } from '../../domain/franchise/applications.ts';
import { claimApplication, releaseApplication } from '../../domain/franchise/approval-claims.ts';
import type { FranchiseService } from '../../domain/franchise/franchise-service.ts';
import type { ApplicationApproved } from '../../domain/franchise/schemas.ts';
import type { StoreService } from '../../domain/stores/store-service.ts';
import { createStore } from '../../domain/stores/stores.ts';
import { createUser } from '../users.ts';
import type { TenancyService } from '../store.ts';
import type { IdentityProvider } from '../identity/identity-provider.ts';
import { getTenantProfile } from '../tenant-profile.ts';
import { applicationSecretContext } from './submit-application.ts';
import { completeApproval, removeFranchisee, removeSettlementProfile, removeStore } from './onboarding-records.ts';

export type ApprovalDeps = {
  franchise: FranchiseService;
  stores: StoreService;
  tenancy: TenancyService;
  identity: IdentityProvider;
  cipher: Cipher;
  clock: Clock;
  /** Called as each step starts; tests use it to fail a step, operators could trace with it. */
  beforeStep?: (stepId: ApprovalStepId) => Promise<void>;
};

export const APPROVAL_STEPS = ['claim-application', 'create-store', 'create-franchisee', 'create-settlement-profile', 'complete-application'] as const;
export type ApprovalStepId = (typeof APPROVAL_STEPS)[number];

/** A store code HQ can read out on the phone, unique per application (the ULID's random tail). */
export const franchiseStoreCode = (applicationId: string): string => `FR-${applicationId.slice(-8)}`;

export const approveApplication = async (ctx: TenantContext, applicationId: string, deps: ApprovalDeps): Promise<ApplicationApproved> => {
  const application = await requireApplication(ctx, applicationId, { service: deps.franchise });
  transition(application.status, 'approve');
  if (!application.passwordCipher) throw new InvalidStateError('The application has no password to create the login with');
  const { settings, tier } = await getTenantProfile(ctx, { service: deps.tenancy });
  const secret = (field: 'password' | 'accountNo') => applicationSecretContext(ctx.tenantId, applicationId, field);
  const passwordCipher = application.passwordCipher;
  const made: { storeId?: string; userId?: string; email?: string; undoLogin?: () => Promise<void> } = {};

  // createUser undoes its own login if its write fails; once it has succeeded, undoing it is ours,
  // so the provider is wrapped to keep the registration's undo.
  const identity: IdentityProvider = {
    ...deps.identity,
    register: async (login, password) => {
      const registered = await deps.identity.register(login, password);
      made.undoLogin = registered.undo;
      return registered;
    },
  };

  const steps: Step<undefined>[] = [
    {
      id: 'claim-application',
      run: () => claimApplication(ctx, applicationId, application.status, { service: deps.franchise, clock: deps.clock }),
      compensate: () => releaseApplication(ctx, applicationId, { service: deps.franchise, clock: deps.clock }),
    },
    {
      id: 'create-store',
      run: async () => {
        const store = await createStore(
          ctx,
          { code: franchiseStoreCode(applicationId), name: application.store.name, regionId: application.regionId, ownership: 'franchise', address: application.store.address },
          { timezone: settings.timezone, tier },
          { service: deps.stores, clock: deps.clock },
        );
        made.storeId = store.id;
      },
      compensate: () => removeStore(ctx, made.storeId!, franchiseStoreCode(applicationId), deps),
    },
    {
      id: 'create-franchisee',
      run: async () => {
        const storeId = made.storeId!;
        const password = await deps.cipher.decrypt(passwordCipher, secret('password'));
        const user = await createUser(ctx, { email: application.applicant.email, password, role: 'franchisee', storeIds: [storeId] }, {
          service: deps.tenancy,
          identity,
          clock: deps.clock,
          // The store was created a step ago; an eventually consistent read might not see it yet.
          existingStoreIds: async () => new Set([storeId]),
        });
        Object.assign(made, { userId: user.id, email: user.email });
      },
      compensate: async () => {
        await removeFranchisee(ctx, made.userId!, made.email!, deps);
        await made.undoLogin?.();
      },
    },
    {
      id: 'create-settlement-profile',
      run: async () => {
        const storeId = made.storeId!;
        const accountNo = await deps.cipher.decrypt(application.settlementAccount.accountNoCipher, secret('accountNo'));
        // Re-encrypted under the store's own context: the profile outlives the application.
        const accountNoCipher = await deps.cipher.encrypt(accountNo, { tenantId: ctx.tenantId, record: `settlementProfile/${storeId}`, field: 'accountNo' });
        await deps.franchise.entities.settlementProfile
          .create({
            tenantId: ctx.tenantId,
            storeId,
            profileId: newId('settlementProfile', deps.clock.now().getTime()),
            accountName: application.settlementAccount.accountName,
            bankName: application.settlementAccount.bankName,
            accountNoCipher,
            accountNoLast4: application.settlementAccount.accountNoLast4,
            royaltyRateBps: settings.royaltyRateBps,
            applicationId,
            createdAt: deps.clock.now().toISOString(),
          })
          .go();
      },
      compensate: () => removeSettlementProfile(ctx.tenantId, made.storeId!, deps),
    },
    {
      id: 'complete-application',
      run: () => completeApproval(ctx, applicationId, { storeId: made.storeId!, userId: made.userId! }, deps),
    },
  ];
  const observed = steps.map((s) => ({ ...s, run: async (c: undefined) => (await deps.beforeStep?.(s.id as ApprovalStepId), s.run(c)) }));
  await runSteps(observed, undefined);
  return { id: applicationId, status: 'approved' as const, storeId: made.storeId!, userId: made.userId! };
};
