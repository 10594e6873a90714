// What dlq:redrive does to one queue's dead-letter queue: receive its messages (hidden while the
// run works), describe them, and either give them back untouched (list) or send each to the source
// queue and delete it from the DLQ once that send succeeded (redrive).
//
// Why receive, send and delete rather than SQS's own StartMessageMoveTask: the local SQS emulator
// (fauxqs) does not implement the move-task actions, so a native move would be a path only AWS
// runs and no test here proves; a listing needs the receive anyway; a move task is asynchronous,
// caps a rate rather than a count (no --max) and reports no message ids; and its documentation
// long said FIFO queues, which every queue here but terminalPresence is, were not supported. One
// loop runs the same in the local cloud and in AWS, and is what the integration test runs.
import type { SQSClient } from '@aws-sdk/client-sqs';
import {
  ChangeMessageVisibilityBatchCommand,
  DeleteMessageCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
  type Message,
} from '@aws-sdk/client-sqs';

/** Received messages stay hidden this long while a run works through them (released at the end). */
const HOLD_SECONDS = 120;
/** How much of a body a listing shows, in UTF-8 bytes. */
const PREVIEW_BYTES = 120;

export type Queues = { queue: string; fifo: boolean; queueUrl: string; deadLetterUrl: string };
export type Outcome = 'listed' | 'moved' | 'failed' | 'not-tried';
export type DeadLetter = {
  messageId: string;
  /** As SQS counts it: the consumer's receives, the one that moved it to the DLQ and this run's own. */
  receiveCount: number;
  sentAt: string;
  groupId?: string;
  bodyBytes: number;
  body: string;
  outcome: Outcome;
  /** FIFO: the deduplication id it was (or would have been) sent back with. */
  deduplicationId?: string;
  /** The new message's id on the source queue. */
  sentAs?: string;
  detail?: string;
};
export type Run = { messages: DeadLetter[]; moved: number; kept: number; notReached: number };

/**
 * Derived from the dead message's id, which SQS keeps while it stays in the DLQ: if a run sends
 * but dies before its delete, the next run sends the same id and SQS drops the copy within its
 * 5-minute window (past it the consumers are idempotent). Not the message's original
 * deduplication id: within the window the source queue would drop the redriven message as a
 * repeat of the original and the delete would then lose it.
 */
export const deduplicationIdOf = (messageId: string): string => `dlq-redrive:${messageId}`;

/** The body's first PREVIEW_BYTES bytes, whole characters only, on one line. */
const preview = (body: string): string => {
  let bytes = 0;
  let out = '';
  for (const char of body) {
    bytes += Buffer.byteLength(char);
    if (bytes > PREVIEW_BYTES) {
      out += '…';
      break;
    }
    out += char;
  }
  return out.replace(/[\r\n\t]+/g, ' ');
};

const letterOf = (m: Message): DeadLetter => {
  const a = m.Attributes ?? {};
  const body = m.Body ?? '';
  return {
    messageId: m.MessageId ?? '',
    receiveCount: Number(a.ApproximateReceiveCount ?? 0),
    sentAt: new Date(Number(a.SentTimestamp ?? 0)).toISOString(),
    ...(a.MessageGroupId ? { groupId: a.MessageGroupId } : {}),
    bodyBytes: Buffer.byteLength(body),
    body: preview(body),
    outcome: 'listed',
  };
};

const receive = async (sqs: SQSClient, url: string, count: number): Promise<Message[]> => {
  const { Messages = [] } = await sqs.send(
    new ReceiveMessageCommand({
      QueueUrl: url,
      MaxNumberOfMessages: Math.min(10, count),
      // Long polling asks every SQS host, so a small DLQ is not answered empty by the ones sampled.
      WaitTimeSeconds: 1,
      VisibilityTimeout: HOLD_SECONDS,
      MessageSystemAttributeNames: ['ApproximateReceiveCount', 'SentTimestamp', 'MessageGroupId'],
      MessageAttributeNames: ['All'],
    }),
  );
  return Messages;
};

const release = async (sqs: SQSClient, url: string, messages: Message[]) => {
  for (let i = 0; i < messages.length; i += 10) {
    const chunk = messages.slice(i, i + 10);
    await sqs.send(new ChangeMessageVisibilityBatchCommand({ QueueUrl: url, Entries: chunk.map((m, j) => ({ Id: String(j), ReceiptHandle: m.ReceiptHandle, VisibilityTimeout: 0 })) }));
  }
};

/** Visible messages the run did not receive: past --max, or behind a FIFO group it holds. */
const visibleCount = async (sqs: SQSClient, url: string): Promise<number> => {
  const { Attributes = {} } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['ApproximateNumberOfMessages'] }));
  return Number(Attributes.ApproximateNumberOfMessages ?? 0);
};

const errorText = (error: unknown) => `${(error as Error).name}: ${(error as Error).message}`;

/** Sends one dead message back; its outcome says whether it was sent and deleted. */
const moveBack = async (sqs: SQSClient, q: Queues, m: Message, letter: DeadLetter): Promise<DeadLetter> => {
  if (q.fifo && !letter.groupId) return { ...letter, outcome: 'failed', detail: 'it has no MessageGroupId, which its FIFO source queue requires' };
  const deduplicationId = deduplicationIdOf(letter.messageId);
  const tried = q.fifo ? { ...letter, deduplicationId } : letter;
  let sentAs: string | undefined;
  try {
    ({ MessageId: sentAs } = await sqs.send(
      new SendMessageCommand({
        QueueUrl: q.queueUrl,
        MessageBody: m.Body ?? '',
        MessageAttributes: m.MessageAttributes,
        ...(q.fifo ? { MessageGroupId: letter.groupId, MessageDeduplicationId: deduplicationId } : {}),
      }),
    ));
  } catch (error) {
    return { ...tried, outcome: 'failed', detail: `sending it to ${q.queue} failed (${errorText(error)}); it stays in the DLQ` };
  }
  const sent = sentAs ? { ...tried, sentAs } : tried;
  try {
    await sqs.send(new DeleteMessageCommand({ QueueUrl: q.deadLetterUrl, ReceiptHandle: m.ReceiptHandle }));
  } catch (error) {
    return { ...sent, outcome: 'failed', detail: `sent to ${q.queue}, but deleting it from the DLQ failed (${errorText(error)}); a next run sends it again${q.fifo ? ' (dropped by SQS as a duplicate within 5 minutes)' : ''}` };
  }
  return { ...sent, outcome: 'moved' };
};

/**
 * Lists (`redrive: false`) or moves back up to `max` messages. A redrive stops at the first message
 * it cannot move, so a FIFO group's later messages do not overtake it and a failure every message
 * would meet (a permission, a missing queue) is met once; every message received and not moved is
 * visible again when the run ends, as is every listed one.
 */
export const drain = async (sqs: SQSClient, q: Queues, options: { redrive: boolean; max: number }): Promise<Run> => {
  const held: Message[] = [];
  const letters: DeadLetter[] = [];
  const seen = new Set<string | undefined>();
  let stopped = false;
  try {
    while (!stopped && letters.length < options.max) {
      const received = await receive(sqs, q.deadLetterUrl, options.max - letters.length);
      // One held past HOLD_SECONDS comes round again: released at the end, not listed twice.
      const again = received.filter((m) => seen.has(m.MessageId));
      held.push(...again);
      const batch = received.filter((m) => !seen.has(m.MessageId));
      if (batch.length === 0) break;
      for (const m of batch) {
        seen.add(m.MessageId);
        const letter = letterOf(m);
        if (!options.redrive) {
          held.push(m);
          letters.push(letter);
          continue;
        }
        if (stopped) {
          held.push(m);
          letters.push({ ...letter, outcome: 'not-tried', detail: 'not tried after the failure above; it stays in the DLQ' });
          continue;
        }
        const done = await moveBack(sqs, q, m, letter);
        letters.push(done);
        if (done.outcome !== 'moved') {
          held.push(m);
          stopped = true;
        }
      }
    }
    const notReached = await visibleCount(sqs, q.deadLetterUrl);
    const moved = letters.filter((l) => l.outcome === 'moved').length;
    return { messages: letters, moved, kept: options.redrive ? letters.length - moved : 0, notReached };
  } finally {
    await release(sqs, q.deadLetterUrl, held).catch((error: unknown) => console.error(`releasing the messages this run held failed (${errorText(error)}); they reappear within ${HOLD_SECONDS} s`));
  }
};
