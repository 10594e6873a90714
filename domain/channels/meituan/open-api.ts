// Our signed calls to Meituan's open API (docs/delivery-platforms.md §1): system parameters
// app_id, timestamp (unix seconds) and sig on every call; GET puts everything in the query, POST
// puts the system parameters in the query and the rest in a form body (nested data as JSON text).
// Answers are {"data":"ok"} or data, or {"data":"ng","error":{code,msg}}; batch calls add
// result_code (1 ok, 2 partial with error_list, 3 all failed, 4 refused).
import { z } from 'zod';
import { PlatformCallError, PlatformThrottledError } from '../errors.ts';
import type { PlatformApp } from '../adapter.ts';
import { ERROR_CODES } from './codes.ts';
import { meituanApiUrl } from './endpoint.ts';
import { signature } from './signature.ts';

const CALL_TIMEOUT_MS = 5_000;

export const MeituanAnswer = z.object({
  data: z.unknown(),
  error: z.object({ code: z.coerce.number(), msg: z.string().optional() }).optional(),
  result_code: z.coerce.number().optional(),
  error_list: z.array(z.object({ code: z.coerce.number(), msg: z.string().optional(), sku_id: z.union([z.string(), z.number()]).transform(String).optional() })).optional(),
});
export type MeituanAnswer = z.infer<typeof MeituanAnswer>;

export type Call = { method: 'GET' | 'POST'; path: string; params: Record<string, string> };

/** Sends a signed call and returns the platform's answer; a throttle, a failure or no answer throws. */
export const callMeituan = async (app: PlatformApp, call: Call, now = new Date()): Promise<MeituanAnswer> => {
  const url = `${meituanApiUrl()}/${call.path}`;
  const system = { app_id: app.appId, timestamp: String(Math.floor(now.getTime() / 1000)) };
  const sig = signature(url, { ...system, ...call.params }, app.secret);
  const query = new URLSearchParams(call.method === 'GET' ? { ...system, ...call.params, sig } : { ...system, sig });
  let response: Response;
  try {
    response = await fetch(`${url}?${query}`, {
      method: call.method,
      signal: AbortSignal.timeout(CALL_TIMEOUT_MS),
      ...(call.method === 'POST' ? { body: new URLSearchParams(call.params), headers: { 'content-type': 'application/x-www-form-urlencoded' } } : {}),
    });
  } catch (cause) {
    throw new PlatformCallError(call.path, undefined, 'no answer', { cause });
  }
  const parsed = MeituanAnswer.safeParse(await response.json().catch(() => undefined));
  if (!parsed.success) throw new PlatformCallError(call.path, undefined, `HTTP ${response.status} with an unreadable body`);
  const answer = parsed.data;
  const code = answer.error?.code;
  if (code === ERROR_CODES.throttled || answer.error_list?.some((e) => e.code === ERROR_CODES.throttled)) throw new PlatformThrottledError(call.path);
  return answer;
};

/** The error code of a failed answer, undefined for a success. */
export const failureOf = (answer: MeituanAnswer): number | undefined => (answer.data === 'ng' || answer.error ? (answer.error?.code ?? 0) : undefined);
