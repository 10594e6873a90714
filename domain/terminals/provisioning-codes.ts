// One-time provisioning codes. A field engineer reads the code off the console and keys it into a
// new till, so it is short, grouped and typo-tolerant (Crockford base32: no I, L, O or U; those
// read as 1, 1 and 0). 60 random bits live 30 minutes: guessing one of even thousands of open codes
// in that time is out of reach. Only the sha-256 of the normalised code is stored.
import { createHash, randomBytes } from 'node:crypto';

export const PROVISIONING_CODE_TTL_MS = 30 * 60_000;
/** How long a used or expired code's record stays (so a retried registration still finds it). */
export const CODE_RECORD_GRACE_MS = 24 * 60 * 60_000;

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const LENGTH = 12;

/** `7K2M-Q9XD-4TBE`: twelve base32 symbols in groups of four. */
export const newProvisioningCode = (): string => {
  const bytes = randomBytes(LENGTH);
  const symbols = [...bytes].map((b) => ALPHABET[b & 31]).join('');
  return symbols.match(/.{4}/g)!.join('-');
};

/** Upper case, separators dropped, look-alikes folded: what the engineer meant to type. */
export const normaliseProvisioningCode = (typed: string): string =>
  typed
    .toUpperCase()
    .replace(/[\s-]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');

export const isWellFormedProvisioningCode = (typed: string): boolean =>
  new RegExp(`^[${ALPHABET}]{${LENGTH}}$`).test(normaliseProvisioningCode(typed));

export const hashProvisioningCode = (typed: string): string =>
  createHash('sha256').update(normaliseProvisioningCode(typed), 'utf8').digest('hex');
