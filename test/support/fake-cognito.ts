// A stand-in for the Cognito user pool API, for tests only: it speaks the service's real wire
// protocol (AWS JSON 1.1, X-Amz-Target AWSCognitoIdentityProviderService.*, __type errors), so
// the real SDK client talks to it unchanged. Only the admin operations Storefleet uses.
import { createServer, type Server } from 'node:http';
import { listen } from '../../local/ports.ts';

type User = { attributes: Record<string, string>; password?: string; status: 'FORCE_CHANGE_PASSWORD' | 'CONFIRMED' };
type Body = Record<string, any>;

class CognitoError extends Error {
  constructor(readonly type: string, message: string) {
    super(message);
  }
}

export type FakeCognito = { endpoint: string; users: Map<string, User>; calls: string[]; lastRequest: Map<string, Body>; failNext: (operation: string, type: string) => void; stop: () => Promise<void> };

export const startFakeCognito = async (poolId: string, clientId: string): Promise<FakeCognito> => {
  const users = new Map<string, User>();
  const calls: string[] = [];
  const lastRequest = new Map<string, Body>();
  const failures = new Map<string, string>();
  const userOf = (body: Body): User => {
    const user = users.get(body.Username);
    if (!user) throw new CognitoError('UserNotFoundException', 'User does not exist.');
    return user;
  };

  const operations: Record<string, (body: Body) => Body> = {
    AdminCreateUser: (body) => {
      if (users.has(body.Username)) throw new CognitoError('UsernameExistsException', 'User account already exists');
      const attributes = Object.fromEntries((body.UserAttributes ?? []).map((a: { Name: string; Value: string }) => [a.Name, a.Value]));
      users.set(body.Username, { attributes, status: 'FORCE_CHANGE_PASSWORD' });
      return { User: { Username: body.Username, UserStatus: 'FORCE_CHANGE_PASSWORD', Enabled: true } };
    },
    AdminSetUserPassword: (body) => {
      const user = userOf(body);
      if (String(body.Password).length < 12) throw new CognitoError('InvalidPasswordException', 'Password did not conform with policy');
      Object.assign(user, { password: body.Password, status: body.Permanent ? 'CONFIRMED' : 'FORCE_CHANGE_PASSWORD' });
      return {};
    },
    AdminDeleteUser: (body) => {
      userOf(body);
      users.delete(body.Username);
      return {};
    },
    AdminInitiateAuth: (body) => {
      if (body.ClientId !== clientId || body.AuthFlow !== 'ADMIN_USER_PASSWORD_AUTH') throw new CognitoError('InvalidParameterException', 'Auth flow not enabled for this client');
      const user = users.get(body.AuthParameters?.USERNAME);
      if (!user || user.password !== body.AuthParameters?.PASSWORD) throw new CognitoError('NotAuthorizedException', 'Incorrect username or password.');
      if (user.status !== 'CONFIRMED') return { ChallengeName: 'NEW_PASSWORD_REQUIRED', Session: 'session' };
      return { AuthenticationResult: { AccessToken: `cognito-access.${body.AuthParameters.USERNAME}`, ExpiresIn: 3600, TokenType: 'Bearer', IdToken: 'id', RefreshToken: 'refresh' } };
    },
  };

  const server: Server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const operation = String(req.headers['x-amz-target'] ?? '').replace('AWSCognitoIdentityProviderService.', '');
    const body = JSON.parse(Buffer.concat(chunks).toString() || '{}') as Body;
    calls.push(operation);
    lastRequest.set(operation, body);
    try {
      if (body.UserPoolId !== poolId) throw new CognitoError('ResourceNotFoundException', 'User pool does not exist.');
      const injected = failures.get(operation);
      if (injected) {
        failures.delete(operation);
        throw new CognitoError(injected, 'injected failure');
      }
      const handler = operations[operation];
      if (!handler) throw new CognitoError('UnknownOperationException', operation);
      const out = JSON.stringify(handler(body));
      res.writeHead(200, { 'content-type': 'application/x-amz-json-1.1' }).end(out);
    } catch (error) {
      const e = error instanceof CognitoError ? error : new CognitoError('InternalErrorException', String(error));
      res.writeHead(400, { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-errortype': e.type }).end(JSON.stringify({ __type: e.type, message: e.message }));
    }
  });
  const port = await listen(server, 0, 'fake Cognito');
  return {
    endpoint: `http://127.0.0.1:${port}`,
    users,
    calls,
    lastRequest,
    failNext: (operation, type) => failures.set(operation, type),
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
};
