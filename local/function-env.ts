// Each function's environment, built from its manifest bindings as the CDK function construct
// builds it in AWS, plus where the local engines are. A function sees only what it is bound to.
import { tableEnvVar, queueEnvVar, ACCESS_ENV_VAR, IDENTITY_ENV, TENANT_DATA_ENV } from '../domain/shared/bindings.ts';
import { encodeAccess, type FunctionSpec } from '../infra/manifest-schema.ts';
import type { LocalIdentityProvider } from './identity-provider.ts';
import type { ProvisionedQueue } from './provision.ts';
import { localCredentials } from './aws-local.ts';
import { CIPHER_ENV } from '../domain/shared/crypto/cipher-from-env.ts';
import { MAC_ENV } from '../domain/shared/crypto/mac-key.ts';

type EnvInput = {
  endpoints: { dynamodb: string; sqs: string; iot?: string };
  external: boolean;
  region: string;
  stage: string;
  tables: Record<string, string>;
  queues: Record<string, ProvisionedQueue>;
  idp: LocalIdentityProvider;
  /** Base64 256-bit keys by manifest key name. */
  keys: Record<string, string>;
  /** The manifest `mac` key each table's records are keyed under, by table name. */
  tableMacKeys: Record<string, string>;
  logLevel?: string;
  /** The tenant-data table's logical name, silo tables' name prefix, and where to ask for one. */
  tenantData?: { table: string; siloTablePrefix: string; provisionerUrl: () => string };
};

const passThrough = (...names: string[]): Record<string, string> =>
  Object.fromEntries(names.flatMap((n) => (process.env[n] ? [[n, process.env[n]]] : [])));

export const functionEnvironment = (input: EnvInput) => (name: string, spec: FunctionSpec): Record<string, string> => {
  const { bindings, trigger } = spec;
  return {
    ...passThrough('PATH', 'HOME', 'TZ', 'NODE_OPTIONS'),
    ...(input.external
      ? passThrough('AWS_ENDPOINT_URL', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_PROFILE')
      : {
          AWS_ENDPOINT_URL_DYNAMODB: input.endpoints.dynamodb,
          AWS_ENDPOINT_URL_SQS: input.endpoints.sqs,
          AWS_ACCESS_KEY_ID: localCredentials.accessKeyId,
          AWS_SECRET_ACCESS_KEY: localCredentials.secretAccessKey,
          // Only functions bound to the IoT registry learn where its control plane is.
          ...(bindings.iot.length && input.endpoints.iot ? { AWS_ENDPOINT_URL_IOT: input.endpoints.iot } : {}),
        }),
    AWS_REGION: input.region,
    // Lambda runs Node 22; the SDK's warning about this machine's Node 20 says nothing about it.
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    AWS_LAMBDA_FUNCTION_NAME: name,
    STAGE: input.stage,
    POWERTOOLS_SERVICE_NAME: 'storefleet',
    POWERTOOLS_LOG_LEVEL: input.logLevel ?? 'WARN',
    ...Object.fromEntries(Object.keys(bindings.tables).map((t) => [tableEnvVar(t), input.tables[t] ?? ''])),
    ...Object.fromEntries(Object.keys(bindings.queues).map((q) => [queueEnvVar(q), input.queues[q]?.url ?? ''])),
    ...(trigger.type === 'http' ? { [ACCESS_ENV_VAR]: encodeAccess(trigger.access) } : {}),
    ...(bindings.identity.length ? { [IDENTITY_ENV.provider]: 'local' } : {}),
    ...(bindings.identity.includes('signIn') ? input.idp.signingEnv() : {}),
    // One key binding per function today (accountData); the cipher reads it from CIPHER_ENV.localKey.
    ...Object.fromEntries(Object.keys(bindings.keys).map((k) => [CIPHER_ENV.localKey, input.keys[k] ?? ''])),
    // A table keyed by HMAC brings its key: the function that reads or writes it needs the key.
    ...Object.fromEntries(Object.keys(bindings.tables).flatMap((t) => (input.tableMacKeys[t] ? [[MAC_ENV.localKey, input.keys[input.tableMacKeys[t]] ?? '']] : []))),
    // No TENANT_ROLE_ARN: the local engines have no IAM to vend tenant credentials from.
    ...(input.tenantData && bindings.tables[input.tenantData.table] ? { [TENANT_DATA_ENV.siloTablePrefix]: input.tenantData.siloTablePrefix } : {}),
    ...(input.tenantData && bindings.siloTables === 'provision' ? { [TENANT_DATA_ENV.siloProvisionerUrl]: input.tenantData.provisionerUrl() } : {}),
  };
};
