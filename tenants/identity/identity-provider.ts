// Where logins live and who signs tokens: Cognito in AWS, the local identity provider in the
// local cloud. Chosen once per function instance from IDENTITY_PROVIDER, which the manifest's
// identity bindings set.
import { BASE_ENV, IDENTITY_ENV, LOCAL_IDP_ENV } from '../../domain/shared/function-env.ts';
import { runtimeEnv } from '../../domain/shared/runtime-env.ts';
import type { TenantLogin } from './claims.ts';
import { createCognitoIdentityProvider } from './cognito-identity-provider.ts';
import { createLocalIdentityProvider } from './local-identity-provider.ts';

/** Who is signing in, as the API saw the request: Cognito's threat protection scores it. */
export type Caller = { ipAddress: string; serverName: string; serverPath: string; headers: Record<string, string> };

export type AccessToken = { accessToken: string; tokenType: 'Bearer'; expiresIn: number };

export type IdentityProvider = {
  /**
   * Creates the login. Returns what our user record keeps (the local provider's password hash;
   * nothing for Cognito, which keeps the password itself) and how to undo the registration.
   */
  register: (login: TenantLogin, password: string) => Promise<{ passwordHash?: string; undo: () => Promise<void> }>;
  /** Deletes the login of `userId`, if it has one: recovery of an approval that died mid-flow. */
  remove: (userId: string) => Promise<void>;
  /** A token for the right password, otherwise undefined. `login` is undefined for unknown users. */
  signIn: (login: (TenantLogin & { passwordHash?: string }) | undefined, password: string, caller?: Caller) => Promise<AccessToken | undefined>;
};

/** The provider the function's identity bindings name (the provider's own variables handed on). */
export const identityProviderFromEnv = (): IdentityProvider => {
  const env = runtimeEnv();
  const kind = env[IDENTITY_ENV.provider];
  if (kind === 'cognito')
    return createCognitoIdentityProvider({ [IDENTITY_ENV.userPoolId]: env[IDENTITY_ENV.userPoolId], [IDENTITY_ENV.userPoolClientId]: env[IDENTITY_ENV.userPoolClientId] });
  if (kind === 'local')
    return createLocalIdentityProvider({
      [BASE_ENV.stage]: env[BASE_ENV.stage],
      [LOCAL_IDP_ENV.signingJwk]: env[LOCAL_IDP_ENV.signingJwk],
      [LOCAL_IDP_ENV.issuer]: env[LOCAL_IDP_ENV.issuer],
      [LOCAL_IDP_ENV.audience]: env[LOCAL_IDP_ENV.audience],
      [LOCAL_IDP_ENV.tokenTtlSeconds]: env[LOCAL_IDP_ENV.tokenTtlSeconds],
    });
  // A malformed value fails the parse (domain/shared/runtime-env.ts); here the variable is unset.
  throw new Error(`${IDENTITY_ENV.provider} must be "cognito" or "local", got nothing: is the function bound to identity in infra/manifest.ts?`);
};
