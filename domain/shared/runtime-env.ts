// The function's environment as runtime code sees it: process.env parsed once, on first use, by
// one zod schema of every variable the contract (domain/shared/function-env.ts) can set. Readers
// (bindings, cipher, mac key, identity provider, tenant data, logger) take values from here only.
// A variable the function is not bound to is absent; a bound one with a malformed value fails the
// parse, naming the variable.
import { z } from 'zod';
import {
  ACCESS_ENV_VAR,
  BASE_ENV,
  CHANNEL_API_ENV,
  CIPHER_ENV,
  PAYMENT_SANDBOX_ENV,
  IDENTITY_ENV,
  LOCAL_IDP_ENV,
  MAC_ENV,
  QUEUE_ENV_PATTERN,
  TABLE_ENV_PATTERN,
  TENANT_DATA_ENV,
} from './function-env.ts';

const text = z.string().optional();
const url = z.url({ message: 'must be a URL' }).optional();

const RuntimeEnvSchema = z.object({
  [BASE_ENV.stage]: text,
  [BASE_ENV.serviceName]: z.string().default('storefleet'),
  [ACCESS_ENV_VAR]: z
    .string()
    .regex(/^[a-zA-Z_]+(,[a-zA-Z_]+)*$/, { message: 'must be "public", "signedIn" or a comma list of roles' })
    .optional(),
  /** TABLE_* variables, by variable name. */
  tables: z.record(z.string().regex(TABLE_ENV_PATTERN), z.string()),
  /** QUEUE_*_URL variables, by variable name. */
  queues: z.record(z.string().regex(QUEUE_ENV_PATTERN), z.url({ message: 'must be a queue URL' })),
  [IDENTITY_ENV.provider]: z.enum(['cognito', 'local'], { message: 'must be "cognito" or "local"' }).optional(),
  [IDENTITY_ENV.userPoolId]: text,
  [IDENTITY_ENV.userPoolClientId]: text,
  [LOCAL_IDP_ENV.signingJwk]: text,
  [LOCAL_IDP_ENV.issuer]: text,
  [LOCAL_IDP_ENV.audience]: text,
  [LOCAL_IDP_ENV.tokenTtlSeconds]: z.string().regex(/^\d+$/, { message: 'must be a number of seconds' }).optional(),
  [CIPHER_ENV.kmsKeyId]: text,
  [CIPHER_ENV.localKey]: z.base64({ message: 'must be a base64 key' }).optional(),
  [MAC_ENV.kmsKeyId]: text,
  [MAC_ENV.localKey]: z.base64({ message: 'must be a base64 key' }).optional(),
  [TENANT_DATA_ENV.siloTablePrefix]: text,
  [TENANT_DATA_ENV.tenantRoleArn]: text,
  [TENANT_DATA_ENV.siloProvisionerUrl]: url,
  /** A delivery platform's open API elsewhere than its own host: the local cloud's sandbox. */
  [CHANNEL_API_ENV.meituan]: url,
  [PAYMENT_SANDBOX_ENV.url]: url,
  [PAYMENT_SANDBOX_ENV.secret]: text,
  [PAYMENT_SANDBOX_ENV.alipayKeys]: z.base64({ message: 'must be base64' }).optional(),
});

export type RuntimeEnv = Readonly<z.infer<typeof RuntimeEnvSchema>>;
/** An environment as process.env holds it (also what tests pass to the readers that take one). */
export type RawEnv = Readonly<Record<string, string | undefined>>;

const FIXED = Object.keys(RuntimeEnvSchema.shape).filter((k) => k !== 'tables' && k !== 'queues');

/** The schema's input from a raw environment: its variables only, an empty value as no value. */
const select = (raw: RawEnv): Record<string, unknown> => {
  const set = Object.entries(raw).filter((e): e is [string, string] => Boolean(e[1]));
  return {
    ...Object.fromEntries(set.filter(([k]) => FIXED.includes(k))),
    tables: Object.fromEntries(set.filter(([k]) => TABLE_ENV_PATTERN.test(k))),
    queues: Object.fromEntries(set.filter(([k]) => QUEUE_ENV_PATTERN.test(k))),
  };
};

const BOUND_HINT = 'is the function bound to it in infra/manifest.ts?';

/** Variables whose value an error may repeat: keys, signing keys and URLs with tokens never are. */
const SHOWN = new Set<string>([ACCESS_ENV_VAR, IDENTITY_ENV.provider, LOCAL_IDP_ENV.tokenTtlSeconds]);

/** Parses a raw environment; a malformed variable fails with its name and what it must be. */
export const parseRuntimeEnv = (raw: RawEnv): RuntimeEnv => {
  const result = RuntimeEnvSchema.safeParse(select(raw));
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const variable = String(issue.path.at(-1) ?? 'environment');
    return `${variable} ${issue.message}${SHOWN.has(variable) ? `, got ${JSON.stringify(raw[variable])}` : ''}`;
  });
  throw new Error(`Invalid environment: ${problems.join('; ')}: ${BOUND_HINT}`);
};

/** The error for a variable the function needs but does not have. */
export const missingVariable = (variable: string): Error => new Error(`Missing environment variable ${variable}: ${BOUND_HINT}`);

let parsed: RuntimeEnv | undefined;

/** This function instance's environment, parsed on first use and kept (Lambda never changes it). */
export const runtimeEnv = (): RuntimeEnv => (parsed ??= parseRuntimeEnv(process.env));

/**
 * Forgets the parsed environment, for code that changes process.env in-process between uses:
 * the OpenAPI tool (each handler imported with its own bindings) and tests. Functions never do.
 */
export const resetRuntimeEnv = (): void => {
  parsed = undefined;
};
