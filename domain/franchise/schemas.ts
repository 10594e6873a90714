// Requests and views of franchise invitations and applications (API.md, "Tenancy and identity").
import { z } from 'zod';
import { idPattern } from '../shared/ids.ts';
import { PageQuery } from '../shared/pagination.ts';
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

/** What HQ sees of an application: never a secret, the account number masked. */
export const applicationView = (a: ApplicationItem) => ({
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
