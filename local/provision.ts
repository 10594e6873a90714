// Creates the manifest's tables and queues on whatever endpoint the SDK is pointed at (DynamoDB
// Local and fauxqs here; LocalStack works the same), skipping what already exists.
import type {
  DynamoDBClient} from '@aws-sdk/client-dynamodb';
import {
  CreateTableCommand,
  DescribeTableCommand,
  ResourceNotFoundException,
  UpdateTimeToLiveCommand,
  type AttributeDefinition,
} from '@aws-sdk/client-dynamodb';
import type { SQSClient } from '@aws-sdk/client-sqs';
import { CreateQueueCommand, GetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import type { Manifest, QueueSpec, TableSpec } from '../infra/manifest-schema.ts';
import { queuePhysicalName } from '../infra/manifest-schema.ts';

export type ProvisionedQueue = { url: string; arn: string; dlqUrl?: string; spec: QueueSpec };

export const tablePhysicalName = (manifest: Manifest, stage: string, table: string): string => `${manifest.service}-${stage}-${table}`;

const attributeDefinitions = (spec: TableSpec): AttributeDefinition[] => {
  const keys = [spec.partitionKey, spec.sortKey, ...spec.globalIndexes.flatMap((g) => [g.partitionKey, g.sortKey])];
  const unique = new Map(keys.filter((k) => k !== undefined).map((k) => [k.name, k.type]));
  return [...unique].map(([AttributeName, AttributeType]) => ({ AttributeName, AttributeType }));
};

const keySchema = (pk: TableSpec['partitionKey'], sk?: TableSpec['sortKey']) => [
  { AttributeName: pk.name, KeyType: 'HASH' as const },
  ...(sk ? [{ AttributeName: sk.name, KeyType: 'RANGE' as const }] : []),
];

export const ensureTable = async (client: DynamoDBClient, name: string, spec: TableSpec): Promise<void> => {
  try {
    await client.send(new DescribeTableCommand({ TableName: name }));
    return;
  } catch (error) {
    if (!(error instanceof ResourceNotFoundException)) throw error;
  }
  await client.send(
    new CreateTableCommand({
      TableName: name,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: attributeDefinitions(spec),
      KeySchema: keySchema(spec.partitionKey, spec.sortKey),
      GlobalSecondaryIndexes: spec.globalIndexes.length
        ? spec.globalIndexes.map((g) => ({ IndexName: g.name, KeySchema: keySchema(g.partitionKey, g.sortKey), Projection: { ProjectionType: 'ALL' } }))
        : undefined,
      StreamSpecification: spec.stream ? { StreamEnabled: true, StreamViewType: spec.stream } : undefined,
    }),
  );
  if (spec.ttlAttribute)
    await client.send(new UpdateTimeToLiveCommand({ TableName: name, TimeToLiveSpecification: { AttributeName: spec.ttlAttribute, Enabled: true } }));
};

export const provisionTables = async (client: DynamoDBClient, manifest: Manifest, stage: string): Promise<Record<string, string>> => {
  const names: Record<string, string> = {};
  for (const [table, spec] of Object.entries(manifest.tables)) {
    names[table] = tablePhysicalName(manifest, stage, table);
    await ensureTable(client, names[table], spec);
  }
  return names;
};

const createQueue = async (client: SQSClient, name: string, attributes: Record<string, string>) => {
  const { QueueUrl } = await client.send(new CreateQueueCommand({ QueueName: name, Attributes: attributes }));
  const { Attributes } = await client.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['QueueArn'] }));
  if (!QueueUrl || !Attributes?.QueueArn) throw new Error(`Queue ${name} was not created`);
  return { url: QueueUrl, arn: Attributes.QueueArn };
};

export const provisionQueues = async (client: SQSClient, manifest: Manifest, stage: string): Promise<Record<string, ProvisionedQueue>> => {
  const queues: Record<string, ProvisionedQueue> = {};
  for (const [queue, spec] of Object.entries(manifest.queues)) {
    const fifo: Record<string, string> = spec.fifo ? { FifoQueue: 'true' } : {};
    const retention = String(spec.retentionDays * 24 * 3600);
    const dlq = spec.deadLetter
      ? await createQueue(client, queuePhysicalName(manifest.service, stage, queue, spec, true), { ...fifo, MessageRetentionPeriod: String(14 * 24 * 3600) })
      : undefined;
    const main = await createQueue(client, queuePhysicalName(manifest.service, stage, queue, spec), {
      ...fifo,
      VisibilityTimeout: String(spec.visibilityTimeoutSeconds),
      MessageRetentionPeriod: retention,
      ...(dlq && spec.deadLetter
        ? { RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlq.arn, maxReceiveCount: spec.deadLetter.maxReceiveCount }) }
        : {}),
    });
    queues[queue] = { ...main, dlqUrl: dlq?.url, spec };
  }
  return queues;
};
