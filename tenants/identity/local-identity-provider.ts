// The local cloud's identity provider: scrypt hashes on our user records, RS256 tokens signed
// with the local IdP's key (IDP_SIGNING_JWK), which the local gateway verifies.
import { importJWK, SignJWT, type JWK } from 'jose';
import { z } from 'zod';
import { decoyHash, hashPassword, paramsForStage, verifyPassword } from '../passwords.ts';
import { tokenClaims } from './claims.ts';
import type { IdentityProvider } from './identity-provider.ts';

const SigningConfig = z.object({
  IDP_SIGNING_JWK: z.string().transform((s) => JSON.parse(s) as JWK & { kid: string }),
  IDP_ISSUER: z.string().min(1),
  IDP_AUDIENCE: z.string().min(1),
  ACCESS_TOKEN_TTL_SECONDS: z.coerce.number().int().min(60).max(86_400).default(3600),
});

export const createLocalIdentityProvider = (env: NodeJS.ProcessEnv): IdentityProvider => {
  // Only functions bound to `signIn` get the signing key; registering needs none.
  let signer: Promise<{ key: Awaited<ReturnType<typeof importJWK>>; config: z.infer<typeof SigningConfig> }> | undefined;
  const loadSigner = () =>
    (signer ??= (async () => {
      const config = SigningConfig.parse(env);
      return { key: await importJWK(config.IDP_SIGNING_JWK, 'RS256'), config };
    })());

  // The local cloud's stages hash new passwords more cheaply (tenants/passwords.ts).
  const params = paramsForStage(env.STAGE);
  return {
    // The login is the hash on our user record: removing the record removes the login.
    register: async (_login, password) => ({ passwordHash: await hashPassword(password, params), undo: async () => undefined }),
    remove: async () => undefined,
    signIn: async (login, password) => {
      // Unknown users are checked against a decoy hash so the answer takes as long either way.
      const valid = await verifyPassword(password, login?.passwordHash ?? (await decoyHash(params)));
      if (!login || !valid) return undefined;
      const { key, config } = await loadSigner();
      const accessToken = await new SignJWT(tokenClaims(login))
        .setProtectedHeader({ alg: 'RS256', kid: config.IDP_SIGNING_JWK.kid, typ: 'JWT' })
        .setSubject(login.userId)
        .setIssuer(config.IDP_ISSUER)
        .setAudience(config.IDP_AUDIENCE)
        .setIssuedAt()
        .setExpirationTime(`${config.ACCESS_TOKEN_TTL_SECONDS}s`)
        .sign(key);
      return { accessToken, tokenType: 'Bearer', expiresIn: config.ACCESS_TOKEN_TTL_SECONDS };
    },
  };
};
