// Logins in the Cognito user pool: username = our user id (emails repeat across tenants), tenant,
// role and stores as custom attributes the app client cannot write, and a permanent password set
// by the platform. Tokens come from AdminInitiateAuth; the pre-token-generation trigger adds
// our claims (functions/cognito/pre-token-generation.ts).
import {
  AdminCreateUserCommand,
  AdminDeleteUserCommand,
  AdminInitiateAuthCommand,
  AdminSetUserPasswordCommand,
  CognitoIdentityProviderClient,
  NotAuthorizedException,
  UserNotFoundException,
} from '@aws-sdk/client-cognito-identity-provider';
import { z } from 'zod';
import { UnauthenticatedError } from '../../domain/shared/errors.ts';
import { IDENTITY_ENV } from '../../domain/shared/bindings.ts';
import { cognitoAttributes } from './claims.ts';
import type { IdentityProvider } from './identity-provider.ts';

const CognitoConfig = z.object({ [IDENTITY_ENV.userPoolId]: z.string().min(1), [IDENTITY_ENV.userPoolClientId]: z.string().min(1) });

/** Headers that describe the client; never credentials or cookies. */
const SCORED_HEADERS = new Set(['user-agent', 'accept-language', 'x-forwarded-for', 'host', 'origin', 'referer']);

/** Never a user id we issue (ours are `usr_` + ULID), so unknown users still cost one Cognito call. */
const UNKNOWN_USER = 'usr_unknown';

export const createCognitoIdentityProvider = (env: NodeJS.ProcessEnv, client = new CognitoIdentityProviderClient({})): IdentityProvider => {
  const config = CognitoConfig.parse(env);
  const UserPoolId = config[IDENTITY_ENV.userPoolId];
  const ClientId = config[IDENTITY_ENV.userPoolClientId];

  const remove = async (userId: string) => {
    await client.send(new AdminDeleteUserCommand({ UserPoolId, Username: userId })).catch((error: unknown) => {
      if (!(error instanceof UserNotFoundException)) throw error;
    });
  };

  return {
    register: async (login, password) => {
      await client.send(
        new AdminCreateUserCommand({ UserPoolId, Username: login.userId, UserAttributes: cognitoAttributes(login), MessageAction: 'SUPPRESS' }),
      );
      const undo = () => remove(login.userId);
      try {
        await client.send(new AdminSetUserPasswordCommand({ UserPoolId, Username: login.userId, Password: password, Permanent: true }));
      } catch (error) {
        await undo();
        throw error;
      }
      return { undo };
    },
    remove,
    signIn: async (login, password, caller) => {
      try {
        const out = await client.send(
          new AdminInitiateAuthCommand({
            UserPoolId,
            ClientId,
            AuthFlow: 'ADMIN_USER_PASSWORD_AUTH',
            AuthParameters: { USERNAME: login?.userId ?? UNKNOWN_USER, PASSWORD: password },
            ContextData: caller && {
              IpAddress: caller.ipAddress,
              ServerName: caller.serverName,
              ServerPath: caller.serverPath,
              HttpHeaders: Object.entries(caller.headers)
                .filter(([name]) => SCORED_HEADERS.has(name))
                .map(([headerName, headerValue]) => ({ headerName, headerValue })),
            },
          }),
        );
        const result = out.AuthenticationResult;
        if (!result?.AccessToken)
          throw new UnauthenticatedError(`This account must first complete the ${out.ChallengeName ?? 'pending'} challenge, which this endpoint does not take`);
        return login ? { accessToken: result.AccessToken, tokenType: 'Bearer', expiresIn: result.ExpiresIn ?? 3600 } : undefined;
      } catch (error) {
        if (error instanceof NotAuthorizedException || error instanceof UserNotFoundException) return undefined;
        throw error;
      }
    },
  };
};
