// IoT Core topic rules, locally: `SELECT * FROM '<topicFilter>'` with an SQS action. Messages a
// device publishes on a matching topic become SQS messages whose body is the payload.
import { SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { Aedes, AedesPublishPacket } from 'aedes';
import type { ProvisionedQueue } from './provision.ts';

export const forwardTopicToQueue = (broker: Aedes, topicFilter: string, queue: ProvisionedQueue, sqs: SQSClient): (() => void) => {
  const deliver = (packet: AedesPublishPacket, done: () => void) => {
    sqs
      .send(new SendMessageCommand({ QueueUrl: queue.url, MessageBody: packet.payload.toString('utf8') }))
      .catch((error: Error) => console.error(`[iot-rule ${topicFilter}] ${error.message}`))
      .finally(done);
  };
  broker.subscribe(topicFilter, deliver, () => undefined);
  return () => broker.unsubscribe(topicFilter, deliver, () => undefined);
};
