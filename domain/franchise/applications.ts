// HQ's side of applications: reading them (secrets never leave; account numbers masked) and
// rejecting them, with a condition on the state they were read in.
import { NotFoundError } from '../shared/errors.ts';
import type { Clock } from '../shared/clock.ts';
import { withCursor } from '../shared/pagination.ts';
import type { TenantContext } from '../shared/tenancy.ts';
import { auditEntry } from '../audit/audit.ts';
import { InvalidStateError, transition } from './application-state.ts';
import type { ApplicationItem } from './application-entity.ts';
import type { FranchiseService } from './franchise-service.ts';
import type { z } from 'zod';
import { ApplicationRejected, applicationView, type ApplicationListQuery, type ApplicationPage, type ApplicationView, type Rejection } from './schemas.ts';

type Deps = { service: FranchiseService; clock: Clock };

/** The application of the caller's tenant; another tenant's is not found. */
export const requireApplication = async (ctx: TenantContext, applicationId: string, { service }: Pick<Deps, 'service'>): Promise<ApplicationItem> => {
  const { data } = await service.entities.application.get({ tenantId: ctx.tenantId, applicationId }).go({ consistent: true });
  if (!data) throw new NotFoundError('application');
  return data;
};

export const getApplication = async (ctx: TenantContext, applicationId: string, deps: Pick<Deps, 'service'>): Promise<ApplicationView> =>
  applicationView(await requireApplication(ctx, applicationId, deps));

export const listApplications = async (ctx: TenantContext, query: ApplicationListQuery, { service }: Pick<Deps, 'service'>): Promise<z.output<typeof ApplicationPage>> => {
  const { data, cursor } = await withCursor(query.cursor, () =>
    service.entities.application.query
      .byStatus({ tenantId: ctx.tenantId, ...(query.status ? { status: query.status } : {}) })
      .go({ limit: query.limit, cursor: query.cursor ?? null }),
  );
  return { data: data.map(applicationView), nextCursor: cursor ?? null };
};

/** A refusal for an application whose state changed under us: re-read, so the message is true. */
export const changedUnderUs = async (ctx: TenantContext, applicationId: string, deps: Pick<Deps, 'service'>) => {
  const now = await requireApplication(ctx, applicationId, deps);
  return new InvalidStateError(`The application is ${now.status}`, [{ status: now.status }]);
};

export const rejectApplication = async (ctx: TenantContext, applicationId: string, input: Rejection, deps: Deps) => {
  const application = await requireApplication(ctx, applicationId, deps);
  const { from, to } = transition(application.status, 'reject');
  const now = deps.clock.now();
  const { canceled, data } = await deps.service.transaction
    .write(({ application: a, auditEntry: e }) => [
      a
        .patch({ tenantId: ctx.tenantId, applicationId })
        // The password was kept only to create the login; a rejected applicant gets none.
        .set({ status: to, decidedAt: now.toISOString(), decidedBy: ctx.userId, rejectionReason: input.reason })
        .remove(['passwordCipher'])
        .where((attr, { eq }) => eq(attr.status, from))
        .commit(),
      e.create(auditEntry(ctx, { action: 'franchise.application.rejected', targetType: 'franchiseApplication', targetId: applicationId, before: { status: from }, after: { status: to, reason: input.reason } }, now)).commit(),
    ])
    .go();
  if (canceled) {
    if (data[0]?.code === 'ConditionalCheckFailed') throw await changedUnderUs(ctx, applicationId, deps);
    throw new Error(`Rejection transaction canceled: ${JSON.stringify(data.map((d) => d.code))}`);
  }
  return ApplicationRejected.parse({ id: applicationId, status: to });
};
