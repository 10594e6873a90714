// Password hashing with scrypt (node:crypto). The stored form carries its own parameters so they
// can be raised later without invalidating existing hashes.
import { randomBytes, scrypt as scryptCallback, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { z } from 'zod';

/** The password policy, the same one the Cognito user pool enforces in AWS. */
export const Password = z
  .string()
  .min(12)
  .max(128)
  .regex(/[a-z]/, 'needs a lowercase letter')
  .regex(/[A-Z]/, 'needs an uppercase letter')
  .regex(/[0-9]/, 'needs a digit')
  .regex(/[^A-Za-z0-9]/, 'needs a symbol');

const scrypt = (password: string, salt: Buffer, keyLength: number, options: ScryptOptions): Promise<Buffer> =>
  new Promise((resolve, reject) =>
    scryptCallback(password.normalize('NFKC'), salt, keyLength, options, (error, key) => (error ? reject(error) : resolve(key))),
  );

// N=2^15, r=8, p=1: about 32 MiB and ~0.1 s per hash on one core; a login is not a hot path, but
// a Lambda at 512 MB must still afford a few in parallel.
export type ScryptParams = { N: number; r: number; p: number };
const PARAMS: ScryptParams = { N: 2 ** 15, r: 8, p: 1 };
/**
 * New hashes on the local cloud's stages ('local', 'test'): N=2^10, a few milliseconds, since a
 * test run signs up and signs in thousands of users. Verification always uses the parameters
 * stored with the hash, so a hash made with either set verifies anywhere.
 */
export const LOCAL_STAGE_PARAMS: ScryptParams = { N: 2 ** 10, r: 8, p: 1 };
export const paramsForStage = (stage: string | undefined): ScryptParams => (stage === 'local' || stage === 'test' ? LOCAL_STAGE_PARAMS : PARAMS);
const KEY_LENGTH = 32;
const maxmemFor = (N: number, r: number): number => 256 * N * r;

export const hashPassword = async (password: string, params: ScryptParams = PARAMS): Promise<string> => {
  const salt = randomBytes(16);
  const key = await scrypt(password, salt, KEY_LENGTH, { ...params, maxmem: maxmemFor(params.N, params.r) });
  return ['scrypt', params.N, params.r, params.p, salt.toString('base64'), key.toString('base64')].join('$');
};

export const verifyPassword = async (password: string, stored: string): Promise<boolean> => {
  const [scheme, n, r, p, salt, expected] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !expected) return false;
  const [N, R, P] = [Number(n), Number(r), Number(p)];
  const expectedKey = Buffer.from(expected, 'base64');
  const key = await scrypt(password, Buffer.from(salt, 'base64'), expectedKey.length, { N, r: R, p: P, maxmem: maxmemFor(N, R) });
  return timingSafeEqual(key, expectedKey);
};

/** A hash of a random password, made with the parameters new hashes get: verified against when no such user exists, so timing reveals nothing. */
const decoys = new Map<string, Promise<string>>();
export const decoyHash = (params: ScryptParams = PARAMS): Promise<string> => {
  const key = `${params.N}$${params.r}$${params.p}`;
  if (!decoys.has(key)) decoys.set(key, hashPassword(randomBytes(18).toString('base64'), params));
  return decoys.get(key)!;
};
