// `npm run dlq:redrive` against the run's local cloud, on the domain events queue (FIFO, one message
// group per tenant). Three real domain events are put straight onto its dead-letter queue, as the
// queue puts one there after maxReceiveCount failed deliveries (waiting out five 60-second
// visibility timeouts would make the test minutes long): two of one tenant, one of another. A
// listing names them and moves nothing; a redrive sends each back to the source queue, in its group
// and in the group's order, deleting it from the DLQ, and the consumer records the events; sent
// again with the same deduplication id (a run that died before its delete) it is dropped; a second
// redrive finds nothing to move. An unknown queue is a usage error naming the queues that have one.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoDBClient, QueryCommand } from '@aws-sdk/client-dynamodb';
import { ReceiveMessageCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { cloud, eventually } from '../support/api.ts';
import { queueUrl } from '../../tools/shared/cloud.ts';

const exec = promisify(execFile);
const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };

let sqs: SQSClient;
let dynamo: DynamoDBClient;
let dlqUrl: string;

type Report = { mode: string; messages: Array<Record<string, any>>; moved: number; kept: number; notReached: number };

/** The npm script's command against this run's cloud: its exit code, JSON report and stderr. */
const tool = async (...extra: string[]): Promise<{ code: number; report?: Report; stderr: string }> => {
  const argv = ['--import', 'tsx', 'tools/dlq-redrive.ts', '--api', cloud().apiUrl, '--stage', 'test', '--json', ...extra];
  try {
    const { stdout, stderr } = await exec(process.execPath, argv, { env: process.env, maxBuffer: 16 * 1024 * 1024 });
    return { code: 0, report: JSON.parse(stdout), stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    if (typeof e.code !== 'number') throw error;
    return { code: e.code, ...(e.stdout ? { report: JSON.parse(e.stdout) } : {}), stderr: e.stderr ?? '' };
  }
};

/** The DLQ's messages a receiver sees now, left visible (VisibilityTimeout 0). */
const peek = async (): Promise<string[]> => {
  const { Messages = [] } = await sqs.send(new ReceiveMessageCommand({ QueueUrl: dlqUrl, MaxNumberOfMessages: 10, VisibilityTimeout: 0, WaitTimeSeconds: 0 }));
  return Messages.map((m) => m.MessageId ?? '');
};

const recordedEvents = async (tenantId: string) => {
  const { Items = [] } = await dynamo.send(
    new QueryCommand({ TableName: cloud().tables.main, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': { S: `${tenantId}#events` } }, ConsistentRead: true }),
  );
  return Items.map((i) => i.eventId?.S).sort();
};

beforeAll(async () => {
  sqs = new SQSClient({ endpoint: cloud().endpoints.sqs, region: 'us-east-1', credentials });
  dynamo = new DynamoDBClient({ endpoint: cloud().endpoints.dynamodb, region: 'us-east-1', credentials });
  // The tool's own resolution, which must name the DLQ the local cloud made for the queue.
  dlqUrl = await queueUrl(sqs, 'test', 'domainEvents', { deadLetter: true });
  expect(dlqUrl).toBe(cloud().queues.domainEvents!.dlqUrl);
});

afterAll(() => {
  sqs?.destroy();
  dynamo?.destroy();
});

describe('dlq:redrive', () => {
  it('lists a FIFO dead-letter queue without moving anything, then moves its messages back once', async () => {
    const { outboxItem, toDomainEvent } = await import('../../domain/shared/events/outbox-event.ts');
    const { newId } = await import('../../domain/shared/ids.ts');
    const [a, b] = [newId('tenant'), newId('tenant')];
    const events = [outboxItem(a, 'test.dead', { n: 1 }, new Date()), outboxItem(a, 'test.dead', { n: 2 }, new Date()), outboxItem(b, 'test.dead', { n: 3 }, new Date())];
    const bodies = events.map((e) => JSON.stringify(toDomainEvent(e)));
    const ids: string[] = [];
    for (const [i, e] of events.entries()) {
      const sent = await sqs.send(new SendMessageCommand({ QueueUrl: dlqUrl, MessageBody: bodies[i], MessageGroupId: e.tenantId, MessageDeduplicationId: e.eventId }));
      ids.push(sent.MessageId!);
    }
    const [a1, a2, b1] = ids as [string, string, string];

    // Listed: ids, counts, times, groups and the start of the bodies. A FIFO group's later
    // messages may wait behind its first, which the listing holds, so a2 need not be among them.
    const list = await tool('--queue', 'domainEvents', '--list');
    expect(list.code).toBe(0);
    expect(list.report).toMatchObject({ mode: 'list', moved: 0, kept: 0 });
    const listed = new Map(list.report!.messages.map((m) => [m.messageId, m]));
    for (const [id, tenant, body] of [[a1, a, bodies[0]!], [b1, b, bodies[2]!]] as const) {
      expect(listed.get(id)).toMatchObject({ outcome: 'listed', groupId: tenant, receiveCount: 1, sentAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/), bodyBytes: Buffer.byteLength(body) });
      expect(body.startsWith(listed.get(id)!.body.replace(/…$/, ''))).toBe(true);
    }
    // And left where they were, visible again at once.
    expect(await peek()).toEqual(expect.arrayContaining([a1, b1]));
    expect(await recordedEvents(a)).toEqual([]);

    // The redrive: each sent back in its group, a's in order, and deleted from the DLQ.
    const moved = await tool('--queue', 'domainEvents');
    expect(moved.code).toBe(0);
    expect(moved.report).toMatchObject({ mode: 'redrive', kept: 0 });
    const ours = moved.report!.messages.filter((m) => ids.includes(m.messageId));
    expect(ours.map((m) => m.messageId).filter((id) => id !== b1)).toEqual([a1, a2]);
    for (const m of ours) expect(m).toMatchObject({ outcome: 'moved', deduplicationId: `dlq-redrive:${m.messageId}`, sentAs: expect.any(String) });
    const redrivenB = ours.find((m) => m.messageId === b1)!;
    expect(redrivenB).toMatchObject({ groupId: b });
    // A run that sent but died before its delete sends the same again: SQS takes it as that message.
    const repeat = await sqs.send(new SendMessageCommand({ QueueUrl: cloud().queues.domainEvents!.url, MessageBody: bodies[2], MessageGroupId: b, MessageDeduplicationId: redrivenB.deduplicationId }));
    expect(repeat.MessageId).toBe(redrivenB.sentAs);
    // The consumer took them from the source queue.
    const [forA, forB] = [events.slice(0, 2).map((e) => e.eventId).sort(), [events[2]!.eventId]];
    await eventually(async () => ((await recordedEvents(a)).length === 2 && (await recordedEvents(b)).length === 1 ? true : undefined), 10_000, 100);
    expect(await recordedEvents(a)).toEqual(forA);
    expect(await recordedEvents(b)).toEqual(forB);
    expect((await peek()).filter((id) => ids.includes(id))).toEqual([]);

    // Nothing is left to move.
    const again = await tool('--queue', 'domainEvents');
    expect(again.code).toBe(0);
    expect(again.report).toMatchObject({ moved: 0, kept: 0, messages: [] });
  });

  it('refuses a queue the manifest does not have, naming those with a dead-letter queue', async () => {
    const unknown = await tool('--queue', 'orders', '--list');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/orders is not a queue of the manifest with a dead-letter queue; those are: .*domainEvents.*storeImports/);
  });
});
