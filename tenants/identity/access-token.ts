// Access tokens as the local identity provider issues them: RS256 JWTs with the claims API.md
// names (sub, tenantId, role, storeIds). The signing key is the local IdP's private JWK, handed
// to the token function through IDP_SIGNING_JWK; its public half is served as JWKS.
import { importJWK, SignJWT, type JWK } from 'jose';
import { z } from 'zod';
import type { TenantContext } from '../tenant-context.ts';

const IdpConfig = z.object({
  IDP_SIGNING_JWK: z.string().transform((s) => JSON.parse(s) as JWK & { kid: string }),
  IDP_ISSUER: z.string().min(1),
  IDP_AUDIENCE: z.string().min(1),
  ACCESS_TOKEN_TTL_SECONDS: z.coerce.number().int().min(60).max(86_400).default(3600),
});

let signer: Promise<{ key: Awaited<ReturnType<typeof importJWK>>; kid: string; config: z.infer<typeof IdpConfig> }> | undefined;
const loadSigner = () =>
  (signer ??= (async () => {
    const config = IdpConfig.parse(process.env);
    const key = await importJWK(config.IDP_SIGNING_JWK, 'RS256');
    return { key, kid: config.IDP_SIGNING_JWK.kid, config };
  })());

export const issueAccessToken = async (identity: TenantContext) => {
  const { key, kid, config } = await loadSigner();
  const accessToken = await new SignJWT({ tenantId: identity.tenantId, role: identity.role, storeIds: [...identity.storeIds] })
    .setProtectedHeader({ alg: 'RS256', kid, typ: 'JWT' })
    .setSubject(identity.userId)
    .setIssuer(config.IDP_ISSUER)
    .setAudience(config.IDP_AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(`${config.ACCESS_TOKEN_TTL_SECONDS}s`)
    .sign(key);
  return { accessToken, tokenType: 'Bearer' as const, expiresIn: config.ACCESS_TOKEN_TTL_SECONDS };
};
