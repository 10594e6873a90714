// The function environment contract (which variables a function gets, from its manifest spec) and
// the runtime side (process.env parsed once, by one schema, with errors that name the variable).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { manifest } from '../../infra/manifest.ts';
import { Manifest, type ManifestInput } from '../../infra/manifest-schema.ts';
import { functionEnvironment, type PlatformValues } from '../../domain/shared/function-env.ts';
import { parseRuntimeEnv, resetRuntimeEnv, runtimeEnv } from '../../domain/shared/runtime-env.ts';
import { boundAccess, boundQueueUrl, boundSiloTable, boundTable } from '../../domain/shared/bindings.ts';
import { functionEnvironment as localFunctionEnvironment } from '../../local/function-env.ts';
import type { LocalIdentityProvider } from '../../local/identity-provider.ts';
import type { ProvisionedQueue } from '../../local/provision.ts';

const fixture = Manifest.parse({
  service: 'shop',
  tables: {
    main: { partitionKey: { name: 'pk', type: 'S' }, tenantData: true },
    idempotency: { partitionKey: { name: 'id', type: 'S' }, macKey: 'recordKey' },
    lookups: { partitionKey: { name: 'pk', type: 'S' } },
  },
  queues: { domainEvents: { fifo: false, visibilityTimeoutSeconds: 30 } },
  keys: { accountData: { description: 'fields' }, recordKey: { description: 'hmac', usage: 'mac' } },
  functions: {
    signUp: {
      entry: 'functions/sign-up.ts',
      description: 'signs a chain up',
      trigger: { type: 'http', method: 'POST', path: '/v1/tenants', access: 'public' },
      bindings: { tables: { main: 'readWrite', idempotency: 'readWrite' }, identity: ['registerUsers'], siloTables: 'provision', queues: { domainEvents: 'send' } },
    },
    issueToken: {
      entry: 'functions/issue-token.ts',
      description: 'signs in',
      trigger: { type: 'http', method: 'POST', path: '/v1/token', access: ['hq_admin', 'store_manager'] },
      bindings: { tables: { main: 'read' }, identity: ['signIn'], keys: { accountData: 'encryptDecrypt' } },
    },
    sweep: { entry: 'functions/sweep.ts', description: 'nightly', trigger: { type: 'schedule', cron: '0 3 * * ? *' }, bindings: { tables: { lookups: 'read' } } },
  },
} satisfies ManifestInput);
const fn = (name: keyof typeof fixture.functions) => fixture.functions[name]!;

const asked: string[] = [];
const aws: PlatformValues = {
  stage: 'prod',
  table: (t) => `tbl-${t}`,
  queueUrl: (q) => `https://sqs/${q}`,
  encryptionKey: (k) => ({ kmsKeyId: `arn:key/${k}` }),
  macKey: (k) => ({ kmsKeyId: `arn:mac/${k}` }),
  identity: () => (asked.push('identity'), { provider: 'cognito', userPoolId: 'pool', userPoolClientId: 'client' }),
  tenantData: { siloTablePrefix: 'shop-prod-silo-', tenantRoleArn: (level) => `arn:role/${level}` },
};
const local: PlatformValues = {
  ...aws,
  stage: 'local',
  encryptionKey: (k) => ({ localKey: `key-${k}` }),
  macKey: (k) => ({ localKey: `mac-${k}` }),
  identity: () => ({ provider: 'local', signing: () => (asked.push('signing'), { signingJwk: '{"kid":"k"}', issuer: 'iss', audience: 'aud' }) }),
  tenantData: { siloTablePrefix: 'shop-local-silo-', siloProvisionerUrl: () => 'http://localhost:3000/_local/silo-tables?token=t' },
};

afterEach(() => {
  asked.length = 0;
});

describe('the function environment contract', () => {
  it("gives an HTTP function its stage, access rule, tables, tenant data, mac key, queue and Cognito pool in AWS", () => {
    expect(functionEnvironment(fixture, fn('signUp'), aws)).toEqual({
      STAGE: 'prod',
      POWERTOOLS_SERVICE_NAME: 'shop',
      HTTP_ACCESS: 'public',
      TABLE_MAIN: 'tbl-main',
      TABLE_IDEMPOTENCY: 'tbl-idempotency',
      SILO_TABLE_PREFIX: 'shop-prod-silo-',
      TENANT_ROLE_ARN: 'arn:role/readWrite',
      MAC_KMS_KEY_ID: 'arn:mac/recordKey',
      QUEUE_DOMAIN_EVENTS_URL: 'https://sqs/domainEvents',
      IDENTITY_PROVIDER: 'cognito',
      USER_POOL_ID: 'pool',
      USER_POOL_CLIENT_ID: 'client',
    });
  });

  it('gives the same bindings their local values: local keys and IdP, a silo provisioner, no tenant role', () => {
    expect(functionEnvironment(fixture, fn('signUp'), local)).toEqual({
      STAGE: 'local',
      POWERTOOLS_SERVICE_NAME: 'shop',
      HTTP_ACCESS: 'public',
      TABLE_MAIN: 'tbl-main',
      TABLE_IDEMPOTENCY: 'tbl-idempotency',
      SILO_TABLE_PREFIX: 'shop-local-silo-',
      SILO_PROVISIONER_URL: 'http://localhost:3000/_local/silo-tables?token=t',
      MAC_KEY: 'mac-recordKey',
      QUEUE_DOMAIN_EVENTS_URL: 'https://sqs/domainEvents',
      IDENTITY_PROVIDER: 'local',
    });
    // registerUsers needs no signing key: it is never asked for.
    expect(asked).toEqual([]);
  });

  it('gives a signIn function the signing key locally, the tenant role of its level and its encryption key', () => {
    expect(functionEnvironment(fixture, fn('issueToken'), local)).toMatchObject({
      HTTP_ACCESS: 'hq_admin,store_manager',
      IDENTITY_PROVIDER: 'local',
      IDP_SIGNING_JWK: '{"kid":"k"}',
      IDP_ISSUER: 'iss',
      IDP_AUDIENCE: 'aud',
      ACCOUNT_DATA_KEY: 'key-accountData',
    });
    const inAws = functionEnvironment(fixture, fn('issueToken'), aws);
    expect(inAws).toMatchObject({ TENANT_ROLE_ARN: 'arn:role/read', KMS_KEY_ID: 'arn:key/accountData' });
    expect(Object.keys(inAws).filter((k) => k.startsWith('IDP_') || k === 'ACCOUNT_DATA_KEY' || k === 'SILO_PROVISIONER_URL')).toEqual([]);
  });

  it('gives a function without identity, tenant data or route nothing of them, and never asks for the pool', () => {
    expect(functionEnvironment(fixture, fn('sweep'), aws)).toEqual({ STAGE: 'prod', POWERTOOLS_SERVICE_NAME: 'shop', TABLE_LOOKUPS: 'tbl-lookups' });
    expect(asked).toEqual([]);
  });
});

describe('the local cloud', () => {
  // What Lambda itself provides, or where the local engines are: not bindings.
  const EMULATED = new Set([
    'PATH',
    'HOME',
    'TZ',
    'NODE_OPTIONS',
    'AWS_REGION',
    'AWS_ENDPOINT_URL_DYNAMODB',
    'AWS_ENDPOINT_URL_SQS',
    'AWS_ENDPOINT_URL_IOT',
    'AWS_ACCESS_KEY_ID',
    'AWS_SECRET_ACCESS_KEY',
    'AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED',
    'AWS_LAMBDA_FUNCTION_NAME',
    'POWERTOOLS_LOG_LEVEL',
  ]);
  const idp = { signingEnv: () => ({ IDP_SIGNING_JWK: '{}', IDP_ISSUER: 'iss', IDP_AUDIENCE: 'aud' }) } as unknown as LocalIdentityProvider;
  const envFor = localFunctionEnvironment({
    manifest,
    endpoints: { dynamodb: 'http://localhost:1', sqs: 'http://localhost:2', iot: 'http://localhost:3' },
    external: false,
    region: 'us-east-1',
    stage: 'local',
    tables: Object.fromEntries(Object.keys(manifest.tables).map((t) => [t, `storefleet-local-${t}`])),
    queues: Object.fromEntries(Object.keys(manifest.queues).map((q) => [q, { url: `http://localhost:2/000000000000/${q}` } as ProvisionedQueue])),
    idp,
    keys: Object.fromEntries(Object.keys(manifest.keys).map((k) => [k, Buffer.alloc(32, k).toString('base64')])),
    siloProvisionerUrl: () => 'http://localhost:3000/_local/silo-tables?token=t',
  });
  const localPlaceholders: PlatformValues = {
    stage: 'local',
    table: (t) => t,
    queueUrl: (q) => q,
    encryptionKey: (k) => ({ localKey: k }),
    macKey: (k) => ({ localKey: k }),
    identity: () => ({ provider: 'local', signing: () => ({ signingJwk: '', issuer: '', audience: '' }) }),
    tenantData: { siloTablePrefix: 'silo-', siloProvisionerUrl: () => 'url' },
  };

  it.each(Object.entries(manifest.functions))("%s gets exactly the contract's variables besides what Lambda provides", (name, spec) => {
    const env = envFor(name, spec);
    expect(Object.keys(env).filter((k) => !EMULATED.has(k)).sort()).toEqual(Object.keys(functionEnvironment(manifest, spec, localPlaceholders)).sort());
    // The values a function reads parse.
    expect(() => parseRuntimeEnv(env)).not.toThrow();
  });
});

describe('the runtime environment', () => {
  const clear = () => {
    for (const v of ['TABLE_MAIN', 'QUEUE_DOMAIN_EVENTS_URL', 'HTTP_ACCESS', 'SILO_TABLE_PREFIX']) delete process.env[v];
    resetRuntimeEnv();
  };
  beforeEach(clear);
  afterEach(clear);

  it('takes the contract variables, TABLE_* and QUEUE_*_URL included, ignores the rest, and reads an empty value as unset', () => {
    const env = parseRuntimeEnv({ PATH: '/bin', TABLE_MAIN: 'm', TABLE_IDEMPOTENCY: '', QUEUE_DOMAIN_EVENTS_URL: 'https://sqs/q', IDENTITY_PROVIDER: 'local', Table_x: 'no' });
    expect(env.tables).toEqual({ TABLE_MAIN: 'm' });
    expect(env.queues).toEqual({ QUEUE_DOMAIN_EVENTS_URL: 'https://sqs/q' });
    expect(env.IDENTITY_PROVIDER).toBe('local');
    expect(env.POWERTOOLS_SERVICE_NAME).toBe('storefleet');
    expect(env).not.toHaveProperty('PATH');
  });

  it('refuses a malformed variable by name, with what it must be and where bindings are declared', () => {
    expect(() => parseRuntimeEnv({ IDENTITY_PROVIDER: 'okta' })).toThrow('Invalid environment: IDENTITY_PROVIDER must be "cognito" or "local", got "okta": is the function bound to it in infra/manifest.ts?');
    expect(() => parseRuntimeEnv({ QUEUE_DOMAIN_EVENTS_URL: 'domain-events' })).toThrow(/QUEUE_DOMAIN_EVENTS_URL must be a queue URL.*infra\/manifest\.ts/);
    expect(() => parseRuntimeEnv({ HTTP_ACCESS: 'hq admin' })).toThrow(/HTTP_ACCESS must be "public", "signedIn" or a comma list of roles, got "hq admin"/);
    expect(() => parseRuntimeEnv({ SILO_PROVISIONER_URL: 'here' })).toThrow(/SILO_PROVISIONER_URL must be a URL/);
  });

  it('never repeats a key or a token in its error', () => {
    const secret = 'not base64 but secret!';
    const error = (() => {
      try {
        parseRuntimeEnv({ ACCOUNT_DATA_KEY: secret, MAC_KEY: secret });
      } catch (e) {
        return e as Error;
      }
    })();
    expect(error?.message).toMatch(/ACCOUNT_DATA_KEY must be a base64 key; MAC_KEY must be a base64 key/);
    expect(error?.message).not.toContain(secret);
  });

  it('names a missing binding and points at the manifest', () => {
    expect(() => boundTable('main')).toThrow('Missing environment variable TABLE_MAIN: is the function bound to it in infra/manifest.ts?');
    expect(() => boundQueueUrl('domainEvents')).toThrow('Missing environment variable QUEUE_DOMAIN_EVENTS_URL: is the function bound to it in infra/manifest.ts?');
    expect(() => boundAccess()).toThrow(/Missing environment variable HTTP_ACCESS/);
    expect(() => boundSiloTable('acme')).toThrow(/Missing environment variable SILO_TABLE_PREFIX/);
  });

  it('parses process.env once and keeps it until reset', () => {
    process.env.TABLE_MAIN = 'first';
    resetRuntimeEnv();
    expect(boundTable('main')).toBe('first');
    const parsed = runtimeEnv();
    process.env.TABLE_MAIN = 'second';
    expect(runtimeEnv()).toBe(parsed);
    expect(boundTable('main')).toBe('first');
    resetRuntimeEnv();
    expect(boundTable('main')).toBe('second');
  });
});
