// Where Meituan's open API is: its own host, unless the function's environment points elsewhere.
// Only the local cloud does, to its sandbox (local/sandboxes/meituan/), the way AWS_ENDPOINT_URL_*
// point the SDK at the local engines; the variable is named by the function environment contract
// (CHANNEL_API_ENV) and read here once, as the SDK reads its own, rather than through
// runtime-env.ts, whose schema lists binding variables only.
import { z } from 'zod';
import { CHANNEL_API_ENV } from '../../shared/function-env.ts';

export const MEITUAN_API_URL = 'https://waimaiopen.meituan.com/api/v1';

let base: string | undefined;

/** The API's base URL, without a trailing slash. */
export const meituanApiUrl = (): string =>
  (base ??= z
    .url({ message: `${CHANNEL_API_ENV.meituan} must be a URL` })
    .optional()
    .parse(process.env[CHANNEL_API_ENV.meituan] || undefined)
    ?.replace(/\/+$/, '') ?? MEITUAN_API_URL);
