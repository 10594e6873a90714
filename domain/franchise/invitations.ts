// HQ invites a prospective franchisee: the invitation, its code lookup and the audit entry in one
// transaction. The code is returned once and never stored; the audit entry does not carry it.
import { ValidationError } from '../shared/errors.ts';
import { newId } from '../shared/ids.ts';
import type { Clock } from '../shared/clock.ts';
import type { TenantContext } from '../shared/tenancy.ts';
import { auditEntry } from '../audit/audit.ts';
import { CODE_LOOKUP_GRACE_MS, hashInvitationCode, INVITATION_TTL_MS, newInvitationCode } from './codes.ts';
import type { FranchiseService } from './franchise-service.ts';
import type { InvitationCreated, NewInvitation } from './schemas.ts';

type Deps = { service: FranchiseService; clock: Clock };

/** Refuses a region that is not the tenant's, pointing at `path`. */
export const requireTenantRegion = async (tenantId: string, regionId: string, path: string, { service }: Pick<Deps, 'service'>) => {
  const { data } = await service.entities.region.get({ tenantId, regionId }).go();
  if (!data) throw new ValidationError([{ path, message: 'No such region in this chain' }]);
};

export const createInvitation = async (ctx: TenantContext, input: NewInvitation, deps: Deps): Promise<InvitationCreated> => {
  if (input.regionId) await requireTenantRegion(ctx.tenantId, input.regionId, 'body.regionId', deps);
  const now = deps.clock.now();
  const code = newInvitationCode();
  const codeHash = hashInvitationCode(code);
  const validUntil = new Date(now.getTime() + INVITATION_TTL_MS);
  const invitation = {
    tenantId: ctx.tenantId,
    invitationId: newId('invitation', now.getTime()),
    codeHash,
    email: input.email,
    regionId: input.regionId,
    status: 'open' as const,
    validUntil: validUntil.toISOString(),
    createdAt: now.toISOString(),
    createdBy: ctx.userId,
  };
  const lookup = { codeHash, tenantId: ctx.tenantId, invitationId: invitation.invitationId, expiresAt: Math.floor((validUntil.getTime() + CODE_LOOKUP_GRACE_MS) / 1000) };
  const after = { email: input.email ?? null, regionId: input.regionId ?? null, expiresAt: invitation.validUntil };
  const { canceled, data } = await deps.service.transaction
    .write(({ invitation: i, invitationCode, auditEntry: a }) => [
      invitationCode.create(lookup).commit(),
      i.create(invitation).commit(),
      a.create(auditEntry(ctx, { action: 'franchise.invitation.created', targetType: 'franchiseInvitation', targetId: invitation.invitationId, after }, now)).commit(),
    ])
    .go();
  // A clash of 192-bit random codes does not happen; if the transaction is canceled it is for
  // another reason, and the caller may simply retry.
  if (canceled) throw new Error(`Invitation transaction canceled: ${JSON.stringify(data.map((d) => d.code))}`);
  return { id: invitation.invitationId, code, expiresAt: invitation.validUntil };
};
