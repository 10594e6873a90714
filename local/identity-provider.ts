// The local identity provider: RS256 signing keys whose public halves are served as JWKS and
// whose current private half signs tokens in the token function. The gateway verifies bearer
// tokens against the JWKS the way API Gateway's JWT authorizer does (signature, issuer, audience,
// expiry). Keys rotate: the previous key stays in the JWKS so tokens it signed stay valid until
// the next rotation, which comes long after they expire.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createLocalJWKSet, exportJWK, generateKeyPair, jwtVerify, type JWK, type JWTPayload } from 'jose';

export const LOCAL_ISSUER = 'https://idp.storefleet.local';
export const LOCAL_AUDIENCE = 'storefleet-api';
/** Current and previous: a token outlives at most one rotation (1 h tokens, rotations a day apart). */
const KEYS_KEPT = 2;
export const ROTATION_INTERVAL_MS = 24 * 3600 * 1000;

export type LocalIdentityProvider = {
  jwks: () => { keys: JWK[] };
  /** Environment the token function needs to sign with the current key. */
  signingEnv: () => Record<string, string>;
  verify: (token: string) => Promise<JWTPayload>;
  /** Makes a new key current; returns its key id. */
  rotate: () => Promise<string>;
};

const createKey = async (): Promise<JWK> => {
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const jwk = await exportJWK(privateKey);
  return { ...jwk, kid: `local-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}`, alg: 'RS256', use: 'sig' };
};

const publicHalf = ({ kty, n, e, kid, alg, use }: JWK): JWK => ({ kty, n, e, kid, alg, use });

/** With a directory the keys survive restarts, so tokens issued before a restart stay valid. */
export const startLocalIdentityProvider = async (dir?: string): Promise<LocalIdentityProvider> => {
  const file = dir ? join(dir, 'signing-keys.json') : undefined;
  let keys: JWK[] = file && existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as JWK[]) : [await createKey()];
  const save = () => {
    if (!dir || !file) return;
    mkdirSync(dir, { recursive: true });
    writeFileSync(file, JSON.stringify(keys), { mode: 0o600 });
  };
  save();
  let keySet = createLocalJWKSet({ keys: keys.map(publicHalf) });

  return {
    jwks: () => ({ keys: keys.map(publicHalf) }),
    signingEnv: () => ({ IDP_SIGNING_JWK: JSON.stringify(keys.at(-1)), IDP_ISSUER: LOCAL_ISSUER, IDP_AUDIENCE: LOCAL_AUDIENCE }),
    verify: async (token) => (await jwtVerify(token, keySet, { issuer: LOCAL_ISSUER, audience: LOCAL_AUDIENCE, algorithms: ['RS256'] })).payload,
    rotate: async () => {
      keys = [...keys, await createKey()].slice(-KEYS_KEPT);
      keySet = createLocalJWKSet({ keys: keys.map(publicHalf) });
      save();
      return keys.at(-1)!.kid!;
    },
  };
};
