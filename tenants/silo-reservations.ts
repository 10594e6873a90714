// Silo slugs are reserved for the chain they were provisioned for. The operator who provisions a
// silo chain (its table, infra/stages.ts) reserves the slug and hands the chain a one-time token;
// signup with that slug, or any silo signup, needs it. The token is stored only as a hash, expires,
// and is spent by a condition in the signup transaction itself, so it works once however many
// signups race with it.
import { createHash, randomBytes } from 'node:crypto';
import { AlreadyExistsError, DomainError } from '../domain/shared/errors.ts';
import type { Clock } from '../domain/shared/clock.ts';
import { isConditionalCheckFailed } from '../domain/shared/dynamo.ts';
import type { TenancyService } from './store.ts';

export const SILO_TOKEN_TTL_MS = 7 * 24 * 60 * 60_000;

export class SlugReservedError extends DomainError {
  constructor(slug: string) {
    super('slug_reserved', `The slug "${slug}" is reserved for a provisioned silo chain; sign up with the token its operator gave you (siloToken)`);
  }
}

export const siloUnavailable = (slug: string) =>
  new DomainError('tier_unavailable', `No silo chain is provisioned for "${slug}": silo chains are set up by the operator before they sign up`);

export const hashSiloToken = (token: string): string => createHash('sha256').update(token, 'utf8').digest('hex');

/**
 * The operator's step: reserves `slug` (or re-issues its token, which voids the previous one) and
 * returns the token, which is shown this once and never stored.
 */
export const reserveSiloSlug = async (slug: string, { platform, clock }: { platform: TenancyService; clock: Clock }) => {
  if ((await platform.entities.tenantSlug.get({ slug }).go({ consistent: true })).data) throw new AlreadyExistsError(`tenant slug "${slug}"`);
  const token = randomBytes(24).toString('base64url');
  const expiresAt = new Date(clock.now().getTime() + SILO_TOKEN_TTL_MS).toISOString();
  try {
    await platform.entities.siloReservation
      .put({ slug, tokenHash: hashSiloToken(token), tokenExpiresAt: expiresAt })
      .where((a, { notExists }) => notExists(a.claimedAt))
      .go({ response: 'none' });
  } catch (error) {
    if (!isConditionalCheckFailed(error)) throw error;
    throw new AlreadyExistsError(`silo chain "${slug}"`, error);
  }
  return { slug, token, expiresAt };
};

/**
 * Checks a signup against the slug's reservation before anything is written. Returns the token
 * hash the signup transaction must spend, or undefined for a pooled signup of a free slug.
 */
export const admitSlug = async (
  input: { slug: string; tier: string; siloToken?: string | undefined },
  { platform, clock }: { platform: TenancyService; clock: Clock },
): Promise<string | undefined> => {
  const { data: reservation } = await platform.entities.siloReservation.get({ slug: input.slug }).go({ consistent: true });
  if (!reservation) {
    if (input.tier === 'silo') throw siloUnavailable(input.slug);
    return undefined;
  }
  const tokenHash = input.siloToken ? hashSiloToken(input.siloToken) : undefined;
  const valid = input.tier === 'silo' && tokenHash === reservation.tokenHash && !reservation.claimedAt && reservation.tokenExpiresAt > clock.now().toISOString();
  if (!valid) throw new SlugReservedError(input.slug);
  return tokenHash;
};
