// Where logins live and who signs tokens: Cognito in AWS, the local identity provider in the
// local cloud. Chosen once per function instance from IDENTITY_PROVIDER, which the manifest's
// identity bindings set.
import { IDENTITY_ENV } from '../../domain/shared/bindings.ts';
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

export const identityProviderFromEnv = (env: NodeJS.ProcessEnv = process.env): IdentityProvider => {
  const kind = env[IDENTITY_ENV.provider];
  if (kind === 'cognito') return createCognitoIdentityProvider(env);
  if (kind === 'local') return createLocalIdentityProvider(env);
  throw new Error(`${IDENTITY_ENV.provider} must be "cognito" or "local", got ${kind ?? 'nothing'}: is the function bound to identity in infra/manifest.ts?`);
};
