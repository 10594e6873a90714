// Meituan's `sig` (docs/delivery-platforms.md §2), the same in both directions: on our calls and on
// its pushes. Every parameter but `sig` (and binary parts), fully decoded, sorted by name in byte
// order, joined `k=v` with `&`; the base string is the URL without its query, `?`, those pairs and
// the app secret with no separator; sig is its MD5 as 32 lowercase hex characters. The scheme and
// host are signed, so the URL must be exactly the one the platform used (or registered).
import { createHash, timingSafeEqual } from 'node:crypto';

/** Parameters the signature leaves out: the signature itself and binary uploads. */
const UNSIGNED = new Set(['sig', 'img_data']);

const byteOrder = (a: string, b: string): number => Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));

/** The signed text without the secret: `url?k1=v1&k2=v2`. */
export const baseString = (url: string, params: Readonly<Record<string, string>>): string => {
  const pairs = Object.keys(params)
    .filter((name) => !UNSIGNED.has(name))
    .sort(byteOrder)
    .map((name) => `${name}=${params[name]}`);
  return `${url}?${pairs.join('&')}`;
};

export const signature = (url: string, params: Readonly<Record<string, string>>, secret: string): string =>
  createHash('md5').update(`${baseString(url, params)}${secret}`, 'utf8').digest('hex');

/** Whether `given` is the signature of the parameters, compared in constant time. */
export const signatureMatches = (given: string, url: string, params: Readonly<Record<string, string>>, secret: string): boolean => {
  const expected = Buffer.from(signature(url, params, secret), 'utf8');
  const actual = Buffer.from(given.toLowerCase(), 'utf8');
  return actual.length === expected.length && timingSafeEqual(actual, expected);
};
