// The function environment contract: which variables a function gets, decided from its manifest
// spec in this one place. The CDK passes tokens (table names, queue URLs, key and role ARNs), the
// local cloud passes its local values, the OpenAPI tool placeholders; each gets the same variable
// names for the same bindings. Grants stay with the CDK; runtime code reads the variables through
// domain/shared/runtime-env.ts. Pure: names and a map, no CDK or SDK code.
import type { FunctionSpec, Manifest } from '../../infra/manifest-schema.ts';

const toEnvCase = (name: string): string => name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase();

export const tableEnvVar = (table: string): string => `TABLE_${toEnvCase(table)}`;
export const queueEnvVar = (queue: string): string => `QUEUE_${toEnvCase(queue)}_URL`;
/** The shapes of the names tableEnvVar and queueEnvVar build. */
export const TABLE_ENV_PATTERN = /^TABLE_[A-Z0-9_]+$/;
export const QUEUE_ENV_PATTERN = /^QUEUE_[A-Z0-9_]+_URL$/;

/** Every function: its stage and the service name its logger reports. */
export const BASE_ENV = { stage: 'STAGE', serviceName: 'POWERTOOLS_SERVICE_NAME' } as const;

/** Carries an HTTP function's access rule: `public`, `signedIn` or a comma list of roles. */
export const ACCESS_ENV_VAR = 'HTTP_ACCESS';

/**
 * Identity bindings: IDENTITY_PROVIDER is `cognito` (with USER_POOL_ID and USER_POOL_CLIENT_ID)
 * in AWS and `local` (with the local IdP's IDP_* variables for `signIn`) in the local cloud.
 */
export const IDENTITY_ENV = {
  provider: 'IDENTITY_PROVIDER',
  userPoolId: 'USER_POOL_ID',
  userPoolClientId: 'USER_POOL_CLIENT_ID',
} as const;

/** What a `signIn` function of the local cloud signs tokens with (tenants/identity/local-identity-provider.ts). */
export const LOCAL_IDP_ENV = {
  signingJwk: 'IDP_SIGNING_JWK',
  issuer: 'IDP_ISSUER',
  audience: 'IDP_AUDIENCE',
  /** Optional; never set by the contract, read with a default of an hour. */
  tokenTtlSeconds: 'ACCESS_TOKEN_TTL_SECONDS',
} as const;

/**
 * Tenant data bindings. SILO_TABLE_PREFIX names silo tenants' own tables (prefix + slug);
 * TENANT_ROLE_ARN, set in AWS only, is the role whose session-tagged credentials confine a
 * function to one tenant's keys; SILO_PROVISIONER_URL, set locally only, creates a silo table.
 */
export const TENANT_DATA_ENV = {
  siloTablePrefix: 'SILO_TABLE_PREFIX',
  tenantRoleArn: 'TENANT_ROLE_ARN',
  siloProvisionerUrl: 'SILO_PROVISIONER_URL',
} as const;

/** The `encrypt` key a function is bound to: a KMS key id in AWS, the key itself (base64) locally. */
export const CIPHER_ENV = { kmsKeyId: 'KMS_KEY_ID', localKey: 'ACCOUNT_DATA_KEY' } as const;
/** The `mac` key of a table keyed by HMAC: a KMS HMAC key id in AWS, the key itself (base64) locally. */
export const MAC_ENV = { kmsKeyId: 'MAC_KMS_KEY_ID', localKey: 'MAC_KEY' } as const;

/**
 * Where a delivery platform's open API is reached when it is not the platform's own host. Not a
 * binding: only the local cloud sets it, to its sandbox of the platform (local/sandboxes/<platform>/),
 * for the functions that call the platform, as AWS_ENDPOINT_URL_* point the SDK at the local
 * engines; unset (AWS), the adapter calls the platform's real host (domain/channels/<platform>/).
 */
export const CHANNEL_API_ENV = { meituan: 'MEITUAN_API_URL' } as const;

/**
 * The payment providers' local sandboxes (local/sandboxes/payments/): where they are and the
 * secret both sides derive sandbox merchants' keys from (domain/payments/providers/sandbox-merchants.ts).
 * Only the local cloud sets them; unset, there is no sandbox mode.
 */
export const PAYMENT_SANDBOX_ENV = { url: 'PAYMENT_SANDBOX_URL', secret: 'PAYMENT_SANDBOX_SECRET', alipayKeys: 'PAYMENT_SANDBOX_ALIPAY_KEYS' } as const;

/** A manifest key as a platform holds it: in KMS (AWS) or as local key material. */
export type KeyValue = { readonly kmsKeyId: string } | { readonly localKey: string };

/** Where a platform's identity provider is: the Cognito pool, or the local IdP's signing key. */
export type IdentityValues =
  | { readonly provider: 'cognito'; readonly userPoolId: string; readonly userPoolClientId: string }
  | { readonly provider: 'local'; readonly signing: () => { readonly signingJwk: string; readonly issuer: string; readonly audience: string } };

export type TableAccess = FunctionSpec['bindings']['tables'][string];

/**
 * The platform values a function's variables carry. Each is asked for only when the function is
 * bound to it, so a platform may resolve lazily (the local IdP's current key, a CDK token).
 */
export interface PlatformValues {
  readonly stage: string;
  /** A manifest table's physical name. */
  readonly table: (table: string) => string;
  readonly queueUrl: (queue: string) => string;
  /** A manifest `encrypt` key. */
  readonly encryptionKey: (key: string) => KeyValue;
  /** A manifest `mac` key. */
  readonly macKey: (key: string) => KeyValue;
  readonly identity: () => IdentityValues;
  readonly tenantData: {
    readonly siloTablePrefix: string;
    /** The tenant data role for a binding of this level; AWS only (the local cloud has no IAM). */
    readonly tenantRoleArn?: (access: TableAccess) => string;
    /** Where signup asks for a silo table; local only (in AWS the stage deploys them). */
    readonly siloProvisionerUrl?: () => string;
  };
}

export type ManifestTables = Pick<Manifest, 'service' | 'tables'>;

/** How HTTP_ACCESS spells an access rule (functions/middleware/authenticate.ts parses it back). */
export const encodeAccess = (access: 'public' | 'signedIn' | readonly string[]): string => (typeof access === 'string' ? access : access.join(','));

const keyVars = (names: { kmsKeyId: string; localKey: string }, key: KeyValue): Record<string, string> =>
  'kmsKeyId' in key ? { [names.kmsKeyId]: key.kmsKeyId } : { [names.localKey]: key.localKey };

/** Exactly the variables a function with `spec` gets, valued by `platform`. */
export const functionEnvironment = (manifest: ManifestTables, spec: FunctionSpec, platform: PlatformValues): Record<string, string> => {
  const { bindings, trigger } = spec;
  const env: Record<string, string> = { [BASE_ENV.stage]: platform.stage, [BASE_ENV.serviceName]: manifest.service };
  if (trigger.type === 'http') env[ACCESS_ENV_VAR] = encodeAccess(trigger.access);

  for (const [table, access] of Object.entries(bindings.tables)) {
    env[tableEnvVar(table)] = platform.table(table);
    const tableSpec = manifest.tables[table];
    // The tenant-data table: silo tables by name prefix, and (in AWS) the tenant role of the level.
    if (tableSpec?.tenantData) {
      env[TENANT_DATA_ENV.siloTablePrefix] = platform.tenantData.siloTablePrefix;
      const role = platform.tenantData.tenantRoleArn?.(access);
      if (role !== undefined) env[TENANT_DATA_ENV.tenantRoleArn] = role;
    }
    // A table keyed by HMAC brings its key: the function that reads or writes it needs the key.
    if (tableSpec?.macKey) Object.assign(env, keyVars(MAC_ENV, platform.macKey(tableSpec.macKey)));
  }
  if (bindings.siloTables === 'provision' && platform.tenantData.siloProvisionerUrl)
    env[TENANT_DATA_ENV.siloProvisionerUrl] = platform.tenantData.siloProvisionerUrl();

  for (const queue of Object.keys(bindings.queues)) env[queueEnvVar(queue)] = platform.queueUrl(queue);

  // Nothing for a function without identity bindings: it never references the pool (Cognito
  // trigger functions must not).
  if (bindings.identity.length > 0) {
    const identity = platform.identity();
    env[IDENTITY_ENV.provider] = identity.provider;
    if (identity.provider === 'cognito') {
      env[IDENTITY_ENV.userPoolId] = identity.userPoolId;
      env[IDENTITY_ENV.userPoolClientId] = identity.userPoolClientId;
    } else if (bindings.identity.includes('signIn')) {
      // Only functions that sign tokens get the signing key; registering needs none.
      const { signingJwk, issuer, audience } = identity.signing();
      Object.assign(env, { [LOCAL_IDP_ENV.signingJwk]: signingJwk, [LOCAL_IDP_ENV.issuer]: issuer, [LOCAL_IDP_ENV.audience]: audience });
    }
  }

  // The manifest allows one key binding per function: the cipher reads one key.
  for (const key of Object.keys(bindings.keys)) Object.assign(env, keyVars(CIPHER_ENV, platform.encryptionKey(key)));
  return env;
};
