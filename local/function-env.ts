// Each function's environment in the local cloud: the function environment contract's variables
// (domain/shared/function-env.ts, the same the CDK sets in AWS) valued with the local engines'
// names, URLs and keys, plus what Lambda itself would provide and where the local engines are.
// A function sees only what it is bound to.
import { siloTablePrefix } from '../domain/shared/bindings.ts';
import { functionEnvironment as contractEnvironment, LOCAL_IDP_ENV, type PlatformValues } from '../domain/shared/function-env.ts';
import { tenantDataTable, type FunctionSpec, type Manifest } from '../infra/manifest-schema.ts';
import type { LocalIdentityProvider } from './identity-provider.ts';
import type { ProvisionedQueue } from './provision.ts';
import { localCredentials } from './aws-local.ts';

type EnvInput = {
  manifest: Manifest;
  endpoints: { dynamodb: string; sqs: string; iot?: string };
  external: boolean;
  region: string;
  stage: string;
  tables: Record<string, string>;
  queues: Record<string, ProvisionedQueue>;
  idp: LocalIdentityProvider;
  /** Base64 256-bit keys by manifest key name. */
  keys: Record<string, string>;
  logLevel?: string;
  /** Where signup asks the local cloud for a silo table (known once the gateway listens). */
  siloProvisionerUrl: () => string;
};

const passThrough = (...names: string[]): Record<string, string> =>
  Object.fromEntries(names.flatMap((n) => (process.env[n] ? [[n, process.env[n]]] : [])));

/** What the local cloud's platform values are, for the contract. */
export const localPlatform = (input: Omit<EnvInput, 'endpoints' | 'external' | 'region' | 'logLevel'>): PlatformValues => ({
  stage: input.stage,
  table: (table) => input.tables[table] ?? '',
  queueUrl: (queue) => input.queues[queue]?.url ?? '',
  encryptionKey: (key) => ({ localKey: input.keys[key] ?? '' }),
  macKey: (key) => ({ localKey: input.keys[key] ?? '' }),
  identity: () => ({
    provider: 'local',
    signing: () => {
      const env = input.idp.signingEnv();
      return { signingJwk: env[LOCAL_IDP_ENV.signingJwk] ?? '', issuer: env[LOCAL_IDP_ENV.issuer] ?? '', audience: env[LOCAL_IDP_ENV.audience] ?? '' };
    },
  }),
  // No tenant role: the local engines have no IAM to vend tenant credentials from.
  tenantData: {
    siloTablePrefix: siloTablePrefix(input.manifest.service, input.stage),
    ...(tenantDataTable(input.manifest) ? { siloProvisionerUrl: input.siloProvisionerUrl } : {}),
  },
});

export const functionEnvironment = (input: EnvInput) => {
  const platform = localPlatform(input);
  return (name: string, spec: FunctionSpec): Record<string, string> => ({
    ...passThrough('PATH', 'HOME', 'TZ', 'NODE_OPTIONS'),
    ...(input.external
      ? passThrough('AWS_ENDPOINT_URL', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_PROFILE')
      : {
          AWS_ENDPOINT_URL_DYNAMODB: input.endpoints.dynamodb,
          AWS_ENDPOINT_URL_SQS: input.endpoints.sqs,
          AWS_ACCESS_KEY_ID: localCredentials.accessKeyId,
          AWS_SECRET_ACCESS_KEY: localCredentials.secretAccessKey,
          // Only functions bound to the IoT registry learn where its control plane is.
          ...(spec.bindings.iot.length && input.endpoints.iot ? { AWS_ENDPOINT_URL_IOT: input.endpoints.iot } : {}),
        }),
    AWS_REGION: input.region,
    // Lambda runs Node 22; the SDK's warning about this machine's Node 20 says nothing about it.
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    AWS_LAMBDA_FUNCTION_NAME: name,
    POWERTOOLS_LOG_LEVEL: input.logLevel ?? 'WARN',
    ...contractEnvironment(input.manifest, spec, platform),
  });
};
