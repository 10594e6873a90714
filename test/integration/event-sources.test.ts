// The local event sources behave as Lambda's do: partial batch failures, visibility timeout and
// DLQ for SQS; filtering, checkpointed retries and ordering for DynamoDB streams. This file runs
// its own local cloud with a fixture manifest.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoDBClient, GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { ReceiveMessageCommand, SendMessageBatchCommand, SQSClient } from '@aws-sdk/client-sqs';
import { startLocalCloud, type LocalCloud } from '../../local/cloud.ts';
import { eventSourcesManifest } from '../fixtures/event-sources-manifest.ts';
import { eventually } from '../support/api.ts';

let cloud: LocalCloud;
let dynamo: DynamoDBClient;
let sqs: SQSClient;
const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };

beforeAll(async () => {
  cloud = await startLocalCloud({ port: 0, mqttPort: 0, stage: 'fixture', manifest: eventSourcesManifest });
  dynamo = new DynamoDBClient({ endpoint: cloud.endpoints.dynamodb, region: 'us-east-1', credentials });
  sqs = new SQSClient({ endpoint: cloud.endpoints.sqs, region: 'us-east-1', credentials });
});
afterAll(async () => {
  dynamo?.destroy();
  sqs?.destroy();
  await cloud?.stop();
});

const deliveries = async (id: string): Promise<number> => {
  const out = await dynamo.send(new GetItemCommand({ TableName: cloud.tables.data!, Key: { pk: { S: `delivery#${id}` }, sk: { S: 'count' } }, ConsistentRead: true }));
  return Number(out.Item?.deliveries?.N ?? 0);
};

describe('SQS event source', () => {
  it('deletes what succeeded, redelivers what failed, and moves it to the DLQ after maxReceiveCount', async () => {
    const queue = cloud.queues.work!;
    const messages = [{ id: 'ok-1' }, { id: 'poison-1', poison: true }, { id: 'ok-2' }];
    await sqs.send(new SendMessageBatchCommand({ QueueUrl: queue.url, Entries: messages.map((m, i) => ({ Id: String(i), MessageBody: JSON.stringify(m) })) }));

    const dead = await eventually(async () => {
      const out = await sqs.send(new ReceiveMessageCommand({ QueueUrl: queue.dlqUrl, WaitTimeSeconds: 1 }));
      return out.Messages?.length ? out.Messages : undefined;
    }, 20_000);
    expect(dead.map((m) => JSON.parse(m.Body ?? '{}').id)).toEqual(['poison-1']);
    expect(await deliveries('poison-1')).toBe(2);
    expect(await deliveries('ok-1')).toBe(1);
    expect(await deliveries('ok-2')).toBe(1);
  });
});

describe('DynamoDB stream event source', () => {
  it('delivers only matching records, retries from the failed checkpoint, and loses nothing', async () => {
    const put = (pk: string, entity: string) =>
      dynamo.send(new PutItemCommand({ TableName: cloud.tables.data!, Item: { pk: { S: pk }, sk: { S: 'item' }, __edb_e__: { S: entity } } }));
    await put('before', 'widget');
    await put('gadget-1', 'gadget');
    await put('fail-once', 'widget');
    await put('after', 'widget');

    await eventually(async () => ((await deliveries('stream#after')) > 0 ? true : undefined));
    expect(await deliveries('stream#before')).toBe(1);
    expect(await deliveries('stream#fail-once')).toBe(2);
    expect(await deliveries('stream#gadget-1')).toBe(0);
  });
});
