// What the tenancy routes answer: the schemas of their success bodies (API.md, "Tenancy and
// identity"). The views below are typed by them, and httpHandler checks every answer against them.
import { z } from 'zod';
import { Id, Timestamp } from '../domain/shared/fields.ts';
import { page } from '../domain/shared/pagination.ts';
import { ROLES } from '../domain/shared/tenancy.ts';
import { TENANT_TIERS } from '../domain/shared/tiers.ts';
import { TENANT_STATUSES } from './entities/tenant.ts';

export const TenantSettings = z.object({
  currency: z.string(),
  timezone: z.string().describe('IANA time zone of new stores, e.g. Asia/Shanghai'),
  locale: z.string(),
  royaltyRateBps: z.number().int().describe('The royalty HQ takes of a franchised store’s net sales, in basis points'),
  paymentFeeRateBps: z.number().int().describe('The payment providers’ processing fee, in basis points'),
  orderHoldMinutes: z.number().int().describe('How long an unpaid online or delivery order holds its stock before it expires'),
});

const TenantSummary = z.object({ id: Id('tenant'), slug: z.string(), name: z.string(), tier: z.enum(TENANT_TIERS), status: z.enum(TENANT_STATUSES) });

/** `GET /v1/tenant`, `PATCH /v1/tenant`. */
export const TenantView = TenantSummary.extend({ settings: TenantSettings }).meta({ id: 'Tenant' });
export type TenantView = z.output<typeof TenantView>;

/** `POST /v1/tenants`: the new chain and its first hq_admin. */
export const SignupView = z.object({ tenant: TenantSummary, admin: z.object({ id: Id('user'), email: z.string() }) }).meta({ id: 'Signup' });
export type SignupView = z.output<typeof SignupView>;

/** `POST /v1/auth/token`. */
export const AccessTokenView = z
  .object({ accessToken: z.string().describe('A JWT: send as Authorization: Bearer'), tokenType: z.literal('Bearer'), expiresIn: z.number().int().describe('Seconds') })
  .meta({ id: 'AccessToken' });

/** `POST /v1/users`: the user, never its password. */
export const UserView = z.object({ id: Id('user'), email: z.string(), role: z.enum(ROLES), storeIds: z.array(Id('store')), createdAt: Timestamp }).meta({ id: 'User' });
export type UserView = z.output<typeof UserView>;

/** `GET /v1/tenant/events`: domain events as the platform consumed them, newest first. */
export const TenantEventView = z
  .object({ id: Id('event'), type: z.string(), occurredAt: Timestamp, recordedAt: Timestamp, payload: z.unknown() })
  .meta({ id: 'TenantEvent' });
export type TenantEventView = z.output<typeof TenantEventView>;
export const TenantEventPage = page(TenantEventView);
