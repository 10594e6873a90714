// Points the functions that call Meituan at the sandbox: the contract's CHANNEL_API_ENV variable,
// set for the manifest's platform callers only (infra/functions/channels.ts), on top of the local
// cloud's environment (local/function-env.ts), as the local engines' endpoints are.
import { CHANNEL_API_ENV } from '../../../domain/shared/function-env.ts';
import type { FunctionSpec } from '../../../infra/manifest-schema.ts';
import { PLATFORM_CALLERS } from '../../../infra/functions/channels.ts';

type FunctionEnvironment = (name: string, spec: FunctionSpec) => Record<string, string>;

export const withMeituanSandbox = (env: FunctionEnvironment, apiUrl: string): FunctionEnvironment => (name, spec) => ({
  ...env(name, spec),
  ...((PLATFORM_CALLERS as readonly string[]).includes(name) ? { [CHANNEL_API_ENV.meituan]: apiUrl } : {}),
});
