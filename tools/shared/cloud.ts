// Where an operator command runs, shared by the commands that work on a stage's queues
// (outbox:replay, dlq:redrive): the local cloud, whose engines its gateway's /health names, or AWS
// by the SDK's own configuration (AWS_PROFILE/AWS_REGION or keys, AWS_ENDPOINT_URL for LocalStack);
// and a manifest queue's URL there, from the physical name both the CDK and the local cloud give it.
import { GetQueueUrlCommand, SQSClient } from '@aws-sdk/client-sqs';
import { manifest } from '../../infra/manifest.ts';
import { queuePhysicalName } from '../../infra/manifest-schema.ts';
import { localCredentials, LOCAL_REGION } from '../../local/aws-local.ts';

export type Cloud = { sqs: SQSClient; region: string };
export type LocalCloud = Cloud & { engines: { dynamodb: string; sqs: string } };

/** The local cloud behind `api` (its gateway, e.g. http://localhost:3000). */
export const localCloud = async (api: string): Promise<LocalCloud> => {
  let response: Response;
  try {
    response = await fetch(`${api}/health`);
  } catch (error) {
    throw new Error(`no local cloud answers at ${api}/health (${(error as Error).message}): start it with npm start, or pass --api <url> or --aws`, { cause: error });
  }
  const health = (await response.json()) as { components?: { dynamodb?: { endpoint?: string }; sqs?: { endpoint?: string } } };
  const dynamodb = health.components?.dynamodb?.endpoint;
  const sqs = health.components?.sqs?.endpoint;
  if (!dynamodb || !sqs) throw new Error(`${api}/health names no DynamoDB or SQS endpoint`);
  const region = process.env.AWS_REGION ?? LOCAL_REGION;
  return { sqs: new SQSClient({ endpoint: sqs, region, credentials: localCredentials }), region, engines: { dynamodb, sqs } };
};

export const awsCloud = async (): Promise<Cloud> => {
  const sqs = new SQSClient({});
  return { sqs, region: await sqs.config.region() };
};

/** A manifest queue's physical name at `stage`, or its dead-letter queue's. */
export const queueName = (stage: string, queue: string, options: { deadLetter?: boolean } = {}): string => {
  const spec = manifest.queues[queue];
  if (!spec) throw new Error(`${queue} is not a queue of the manifest`);
  if (options.deadLetter && !spec.deadLetter) throw new Error(`queue ${queue} has no dead-letter queue`);
  return queuePhysicalName(manifest.service, stage, queue, spec, options.deadLetter ?? false);
};

/** The URL of a manifest queue (or its dead-letter queue) at `stage`; QueueDoesNotExist is rethrown. */
export const queueUrl = async (sqs: SQSClient, stage: string, queue: string, options: { deadLetter?: boolean } = {}): Promise<string> => {
  const name = queueName(stage, queue, options);
  const { QueueUrl } = await sqs.send(new GetQueueUrlCommand({ QueueName: name }));
  if (!QueueUrl) throw new Error(`queue ${name} has no URL`);
  return QueueUrl;
};
