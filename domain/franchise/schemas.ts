// Requests and views of franchise invitations and applications (API.md, "Tenancy and identity").
import { z } from 'zod';
import { idPattern } from '../shared/ids.ts';
import { Id, Timestamp } from '../shared/fields.ts';
import { page, PageQuery } from '../shared/pagination.ts';
import { APPLICATION_STATUSES } from './application-state.ts';
import { maskLast4 } from './masking.ts';
import type { ApplicationItem } from './application-entity.ts';

export const RegionId = z.string().regex(idPattern('region'), 'a region id (reg_...)');
export const Email = z.email().max(254).transform((e) => e.toLowerCase());
export const text = (max: number) => z.string().trim().min(1).max(max);

export const NewInvitation = z.object({ email: Email.optional(), regionId: RegionId.optional() }).strict();
export type NewInvitation = z.infer<typeof NewInvitation>;

export const ApplicationListQuery = PageQuery.extend({ status: z.enum(APPLICATION_STATUSES).optional() });
export type ApplicationListQuery = z.infer<typeof ApplicationListQuery>;

export const ApplicationPath = z.object({ id: z.string().regex(idPattern('application'), 'an application id (app_...)') });

export const Rejection = z.object({ reason: text(500) });
export type Rejection = z.infer<typeof Rejection>;

/** `POST /v1/franchise/invitations`: the code is shown this once and never stored. */
export const InvitationCreated = z.object({ id: Id('invitation'), code: z.string(), expiresAt: Timestamp }).meta({ id: 'FranchiseInvitation' });
export type InvitationCreated = z.output<typeof InvitationCreated>;

/** `POST /v1/franchise/applications`. */
export const ApplicationSubmitted = z.object({ id: Id('application'), status: z.literal('submitted') });
export type ApplicationSubmitted = z.output<typeof ApplicationSubmitted>;

/** `POST /v1/franchise/applications/{id}/approve`: the franchisee's new store and user. */
export const ApplicationApproved = z.object({ id: Id('application'), status: z.literal('approved'), storeId: Id('store'), userId: Id('user') });
export type ApplicationApproved = z.output<typeof ApplicationApproved>;

/** `POST /v1/franchise/applications/{id}/reject`. */
export const ApplicationRejected = z.object({ id: Id('application'), status: z.literal('rejected') });

/** What HQ sees of an application: never a secret, the account number masked. */
export const ApplicationView = z
  .object({
    id: Id('application'),
    status: z.enum(APPLICATION_STATUSES),
    invitationId: Id('invitation'),
    applicant: z.object({ legalName: z.string(), licenseNo: z.string(), contactName: z.string(), phone: z.string(), email: z.string() }),
    store: z.object({ name: z.string(), address: z.string(), regionId: Id('region') }),
    settlementAccount: z.object({
      bankName: z.string(),
      accountName: z.string(),
      // Masked or refused: a check in every local and test run that no full number leaves.
      accountNo: z.string().regex(/^\*{4}[^*]{0,4}$/, 'masked: ****1234').describe('Masked: ****1234'),
    }),
    submittedAt: Timestamp,
    decidedAt: Timestamp.nullable(),
    rejectionReason: z.string().nullable(),
    storeId: Id('store').nullable().describe('Once approved: the franchisee’s store'),
    userId: Id('user').nullable().describe('Once approved: the franchisee’s user'),
  })
  .meta({ id: 'FranchiseApplication' });
export type ApplicationView = z.output<typeof ApplicationView>;
export const ApplicationPage = page(ApplicationView);

export const applicationView = (a: ApplicationItem): ApplicationView => ({
  id: a.applicationId,
  status: a.status,
  invitationId: a.invitationId,
  applicant: { legalName: a.applicant.legalName, licenseNo: a.applicant.licenseNo, contactName: a.applicant.contactName, phone: a.applicant.phone, email: a.applicant.email },
  store: { name: a.store.name, address: a.store.address, regionId: a.regionId },
  settlementAccount: { bankName: a.settlementAccount.bankName, accountName: a.settlementAccount.accountName, accountNo: maskLast4(a.settlementAccount.accountNoLast4) },
  submittedAt: a.submittedAt,
  decidedAt: a.decidedAt ?? null,
  rejectionReason: a.rejectionReason ?? null,
  storeId: a.storeId ?? null,
  userId: a.userId ?? null,
});
