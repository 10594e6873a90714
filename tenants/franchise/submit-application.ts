// The public application: anyone holding an invitation code. The code is looked up by its hash
// (the route knows no tenant), used up in the same transaction that records the application, and
// a wrong, used or expired code all answer the same 404, so an answer reveals nothing about codes.
import { NotFoundError, ValidationError } from '../../domain/shared/errors.ts';
import { newId } from '../../domain/shared/ids.ts';
import type { Clock } from '../../domain/shared/clock.ts';
import type { Cipher } from '../../domain/shared/crypto/cipher.ts';
import { hashInvitationCode, isUsable } from '../../domain/franchise/codes.ts';
import { requireTenantRegion } from '../../domain/franchise/invitations.ts';
import { lastFour } from '../../domain/franchise/masking.ts';
import { countSubmission } from '../../domain/franchise/submission-limit.ts';
import type { FranchiseService } from '../../domain/franchise/franchise-service.ts';
import type { ApplicationSubmitted } from '../../domain/franchise/schemas.ts';
import type { NewApplication } from './application-request.ts';

/** `platform` finds the code and counts attempts; `franchiseOf` reaches the inviting tenant's data. */
type Deps = { platform: FranchiseService; franchiseOf: (tenantId: string) => Promise<FranchiseService>; cipher: Cipher; clock: Clock };

const noSuchCode = () => new NotFoundError('invitation code');

/** Where an application's secrets are bound: a ciphertext decrypts only with the same context. */
export const applicationSecretContext = (tenantId: string, applicationId: string, field: 'password' | 'accountNo') => ({
  tenantId,
  record: `franchiseApplication/${applicationId}`,
  field,
});

const findInvitation = async (codeHash: string, now: Date, { platform, franchiseOf }: Pick<Deps, 'platform' | 'franchiseOf'>) => {
  const lookup = (await platform.entities.invitationCode.get({ codeHash }).go({ consistent: true })).data;
  if (!lookup) throw noSuchCode();
  const service = await franchiseOf(lookup.tenantId);
  const invitation = (await service.entities.invitation.get({ tenantId: lookup.tenantId, invitationId: lookup.invitationId }).go({ consistent: true })).data;
  if (!invitation || !isUsable(invitation, now)) throw noSuchCode();
  return { invitation, service };
};

export const submitApplication = async (input: NewApplication, caller: { sourceIp: string }, deps: Deps): Promise<ApplicationSubmitted> => {
  const codeHash = hashInvitationCode(input.code);
  await countSubmission({ codeHash, sourceIp: caller.sourceIp }, { service: deps.platform, clock: deps.clock });
  const now = deps.clock.now();
  const { invitation, service } = await findInvitation(codeHash, now, deps);
  const { tenantId } = invitation;
  // An invitation sent to an address is for that person; a forwarded code is not enough.
  if (invitation.email && invitation.email !== input.applicant.email)
    throw new ValidationError([{ path: 'body.applicant.email', message: 'Use the email address the invitation was sent to' }]);
  const regionId = input.store.regionId ?? invitation.regionId;
  if (!regionId) throw new ValidationError([{ path: 'body.store.regionId', message: 'Choose a region: the invitation names none' }]);
  await requireTenantRegion(tenantId, regionId, 'body.store.regionId', { service });

  const applicationId = newId('application', now.getTime());
  const [passwordCipher, accountNoCipher] = await Promise.all([
    deps.cipher.encrypt(input.applicant.password, applicationSecretContext(tenantId, applicationId, 'password')),
    deps.cipher.encrypt(input.settlementAccount.accountNo, applicationSecretContext(tenantId, applicationId, 'accountNo')),
  ]);
  const { password: _password, ...applicant } = input.applicant;
  const { accountNo, ...account } = input.settlementAccount;
  const { canceled, data } = await service.transaction
    .write(({ invitation: i, application }) => [
      // The condition makes the code single-use even when two submissions race.
      i.patch({ tenantId, invitationId: invitation.invitationId })
        .set({ status: 'used', usedAt: now.toISOString(), applicationId })
        .where((attr, { eq, gt }) => `${eq(attr.status, 'open')} AND ${gt(attr.validUntil, now.toISOString())}`)
        .commit(),
      application
        .create({
          tenantId,
          applicationId,
          invitationId: invitation.invitationId,
          status: 'submitted',
          applicant,
          passwordCipher,
          store: { name: input.store.name, address: input.store.address },
          regionId,
          settlementAccount: { ...account, accountNoCipher, accountNoLast4: lastFour(accountNo) },
          submittedAt: now.toISOString(),
        })
        .commit(),
    ])
    .go();
  if (canceled) {
    if (data[0]?.code === 'ConditionalCheckFailed') throw noSuchCode();
    throw new Error(`Application transaction canceled: ${JSON.stringify(data.map((d) => d.code))}`);
  }
  return { id: applicationId, status: 'submitted' as const };
};
