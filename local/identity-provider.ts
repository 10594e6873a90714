// The local identity provider: an RS256 key pair whose public half is served as JWKS and whose
// private half signs tokens in the token function. The gateway verifies bearer tokens against it
// the way API Gateway's JWT authorizer does (signature, issuer, audience, expiry).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createLocalJWKSet, exportJWK, generateKeyPair, jwtVerify, type JWK, type JWTPayload } from 'jose';

export const LOCAL_ISSUER = 'https://idp.storefleet.local';
export const LOCAL_AUDIENCE = 'storefleet-api';

export type LocalIdentityProvider = {
  jwks: { keys: JWK[] };
  /** Environment the token function needs to sign with this provider's key. */
  signingEnv: Record<string, string>;
  verify: (token: string) => Promise<JWTPayload>;
};

const createKey = async (): Promise<JWK> => {
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const jwk = await exportJWK(privateKey);
  return { ...jwk, kid: `local-${Date.now().toString(36)}`, alg: 'RS256', use: 'sig' };
};

/** With a directory the key survives restarts, so tokens issued before a restart stay valid. */
export const startLocalIdentityProvider = async (dir?: string): Promise<LocalIdentityProvider> => {
  const file = dir ? join(dir, 'signing-key.json') : undefined;
  let privateJwk: JWK;
  if (file && existsSync(file)) privateJwk = JSON.parse(readFileSync(file, 'utf8')) as JWK;
  else {
    privateJwk = await createKey();
    if (dir && file) {
      mkdirSync(dir, { recursive: true });
      writeFileSync(file, JSON.stringify(privateJwk), { mode: 0o600 });
    }
  }
  const { kty, n, e, kid, alg, use } = privateJwk;
  const jwks = { keys: [{ kty, n, e, kid, alg, use }] };
  const keySet = createLocalJWKSet(jwks);
  return {
    jwks,
    signingEnv: { IDP_SIGNING_JWK: JSON.stringify(privateJwk), IDP_ISSUER: LOCAL_ISSUER, IDP_AUDIENCE: LOCAL_AUDIENCE },
    verify: async (token) => (await jwtVerify(token, keySet, { issuer: LOCAL_ISSUER, audience: LOCAL_AUDIENCE, algorithms: ['RS256'] })).payload,
  };
};
