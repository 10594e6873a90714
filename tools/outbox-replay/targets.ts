// Where a replay runs: the engines it reaches (the local cloud or AWS, tools/shared/cloud.ts, plus
// the streams there) and the environment a function's worker gets there, from the manifest's one
// environment contract.
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import type { SQSClient } from '@aws-sdk/client-sqs';
import { manifest } from '../../infra/manifest.ts';
import { pascal } from '../../infra/constructs/naming.ts';
import type { FunctionSpec } from '../../infra/manifest-schema.ts';
import { siloTablePrefix, tableEnvVar } from '../../domain/shared/bindings.ts';
import { functionEnvironment, type PlatformValues } from '../../domain/shared/function-env.ts';
import { tablePhysicalName } from '../../local/provision.ts';
import { localCredentials } from '../../local/aws-local.ts';
import { awsCloud, localCloud, queueUrl } from '../shared/cloud.ts';

/** How this run reaches the engines, and what a function's worker needs to reach them too. */
export type Target = { sqs: SQSClient; streams: DynamoDBStreamsClient; region: string; engineEnv: Record<string, string>; table: (table: string) => string };

const passThrough = (...names: string[]): Record<string, string> =>
  Object.fromEntries(names.flatMap((n) => (process.env[n] ? [[n, process.env[n]]] : [])));

export const localTarget = async (api: string, stage: string): Promise<Target> => {
  const { sqs, region, engines } = await localCloud(api);
  return {
    sqs,
    streams: new DynamoDBStreamsClient({ endpoint: engines.dynamodb, region, credentials: localCredentials }),
    region,
    engineEnv: { AWS_ENDPOINT_URL_DYNAMODB: engines.dynamodb, AWS_ENDPOINT_URL_SQS: engines.sqs, AWS_ACCESS_KEY_ID: localCredentials.accessKeyId, AWS_SECRET_ACCESS_KEY: localCredentials.secretAccessKey },
    table: (table) => tablePhysicalName(manifest, stage, table),
  };
};

export const awsTarget = async (): Promise<Target> => {
  const { sqs, region } = await awsCloud();
  return {
    sqs,
    streams: new DynamoDBStreamsClient({}),
    region,
    engineEnv: passThrough('AWS_ENDPOINT_URL', 'AWS_ENDPOINT_URL_DYNAMODB', 'AWS_ENDPOINT_URL_SQS', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_PROFILE', 'AWS_CONFIG_FILE', 'AWS_SHARED_CREDENTIALS_FILE'),
    // CloudFormation names the tables; the stack outputs them (Table<Name>Name).
    table: (table) => process.env[tableEnvVar(table)] ?? unsupported(`it reads table ${table}: set ${tableEnvVar(table)} to the stack output Table${pascal(table)}Name`),
  };
};

export class Unsupported extends Error {}
const unsupported = (why: string): never => {
  throw new Unsupported(why);
};

/** The function's environment: the manifest contract's variables, valued for this target. */
export const environmentOf = async (fn: { name: string; spec: FunctionSpec }, target: Target, stage: string): Promise<Record<string, string>> => {
  const queueUrls: Record<string, string> = {};
  for (const queue of Object.keys(fn.spec.bindings.queues)) queueUrls[queue] = await queueUrl(target.sqs, stage, queue);
  // Keys and identity stay with the deployed function (KMS grants, the user pool): a replay run
  // from here has neither, so a function bound to them is refused rather than run half-configured.
  const platform: PlatformValues = {
    stage,
    table: target.table,
    queueUrl: (queue) => queueUrls[queue] ?? unsupported(`queue ${queue} is not bound`),
    encryptionKey: (key) => unsupported(`it is bound to key ${key}`),
    macKey: (key) => unsupported(`it reads a table keyed by ${key}`),
    identity: () => unsupported('it is bound to the identity provider'),
    tenantData: { siloTablePrefix: siloTablePrefix(manifest.service, stage) },
  };
  if (fn.spec.bindings.iot.length > 0) unsupported('it is bound to the IoT registry');
  return {
    ...passThrough('PATH', 'HOME', 'TZ'),
    ...target.engineEnv,
    AWS_REGION: target.region,
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    AWS_LAMBDA_FUNCTION_NAME: fn.name,
    POWERTOOLS_LOG_LEVEL: process.env.POWERTOOLS_LOG_LEVEL ?? 'WARN',
    ...functionEnvironment(manifest, fn.spec, platform),
  };
};
