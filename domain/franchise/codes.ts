// Invitation codes: 192 random bits, shown once; only their sha-256 is stored. A hash without a
// salt is enough here because the codes are random and long: there is no dictionary to try.
import { createHash, randomBytes } from 'node:crypto';

export const INVITATION_TTL_MS = 7 * 24 * 60 * 60_000;
/** How long the code lookup outlives the invitation's validity before the TTL removes it. */
export const CODE_LOOKUP_GRACE_MS = 30 * 24 * 60 * 60_000;

export const newInvitationCode = (): string => randomBytes(24).toString('base64url');

export const hashInvitationCode = (code: string): string => createHash('sha256').update(code, 'utf8').digest('hex');

/** Whether an invitation may still be used at `now`. */
export const isUsable = (invitation: { status: string; validUntil: string }, now: Date): boolean =>
  invitation.status === 'open' && Date.parse(invitation.validUntil) > now.getTime();
