// A push's parameters as Meituan signed them (docs/delivery-platforms.md §2, "verifying a push"):
// the query string and the form body merged, each value decoded once more after the framework's
// decoding, because Meituan URL-encodes push values twice. The second decoding treats `+` as a
// space, as the SDKs' urldecode / QueryUnescape do.
import { PushUnverifiedError } from '../errors.ts';
import type { PushRequest } from '../adapter.ts';

const decodeAgain = (value: string): string => {
  try {
    return decodeURIComponent(value.replace(/\+/g, ' '));
  } catch (cause) {
    throw Object.assign(new PushUnverifiedError('a value is not URL-encoded'), { cause });
  }
};

const formOf = (request: PushRequest): URLSearchParams => {
  if (!request.body) return new URLSearchParams();
  // Meituan posts forms; a body of any other type is no push of its.
  if (request.contentType && !/^application\/x-www-form-urlencoded\b/i.test(request.contentType)) throw new PushUnverifiedError(`a body of type ${request.contentType}`);
  return new URLSearchParams(request.body);
};

/** Every parameter, decoded twice; a name given twice with different values is refused (which was signed?). */
export const pushParams = (request: PushRequest): Record<string, string> => {
  const params: Record<string, string> = {};
  for (const source of [new URLSearchParams(request.rawQuery), formOf(request)])
    for (const [name, raw] of source) {
      const value = decodeAgain(raw);
      if (name in params && params[name] !== value) throw new PushUnverifiedError(`parameter ${name} given twice`);
      params[name] = value;
    }
  return params;
};
