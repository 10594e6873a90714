// Where Meituan's open API is: its own host, unless the function's environment points elsewhere.
// Only the local cloud does, to its sandbox (local/sandboxes/meituan/), the way AWS_ENDPOINT_URL_*
// point the SDK at the local engines; the variable is named by the function environment contract
// (CHANNEL_API_ENV) and parsed with the rest of it (runtime-env.ts).
import { CHANNEL_API_ENV } from '../../shared/function-env.ts';
import { runtimeEnv } from '../../shared/runtime-env.ts';

export const MEITUAN_API_URL = 'https://waimaiopen.meituan.com/api/v1';

/** The API's base URL, without a trailing slash. */
export const meituanApiUrl = (): string => (runtimeEnv()[CHANNEL_API_ENV.meituan]?.replace(/\/+$/, '') ?? MEITUAN_API_URL);
