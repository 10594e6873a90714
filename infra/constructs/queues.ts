// SQS queues declared in the manifest, each with its dead-letter queue. Physical names come from
// queuePhysicalName so the local cloud and AWS agree on them.
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { DeduplicationScope, FifoThroughputLimit, Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import type { QueueProps } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { DEAD_LETTER_VISIBILITY_TIMEOUT_SECONDS, queuePhysicalName } from '../manifest-schema.ts';
import type { Manifest, QueueSpec } from '../manifest-schema.ts';
import { pascal } from './naming.ts';

/** A deployed queue together with the manifest entry it came from. */
export interface ManifestQueue {
  readonly name: string;
  readonly spec: QueueSpec;
  readonly queue: Queue;
  readonly deadLetterQueue?: Queue;
}

export interface QueuesProps {
  readonly service: string;
  readonly stage: string;
  readonly queues: Manifest['queues'];
}

// Dead letters wait the longest SQS allows, so an incident found on day 13 can still be redriven.
const DLQ_RETENTION = Duration.days(14);


const common = (spec: QueueSpec): Partial<QueueProps> => ({
  encryption: QueueEncryption.SQS_MANAGED,
  enforceSSL: true,
  removalPolicy: RemovalPolicy.DESTROY,
  ...(spec.fifo
    ? {
        fifo: true,
        // Message groups are tenants: high-throughput FIFO keeps one busy tenant from capping the rest.
        deduplicationScope: DeduplicationScope.MESSAGE_GROUP,
        fifoThroughputLimit: FifoThroughputLimit.PER_MESSAGE_GROUP_ID,
      }
    : {}),
});

export class Queues extends Construct {
  readonly queues: Readonly<Record<string, ManifestQueue>>;

  constructor(scope: Construct, id: string, props: QueuesProps) {
    super(scope, id);
    const queues: Record<string, ManifestQueue> = {};
    for (const [name, spec] of Object.entries(props.queues)) {
      const physical = (dlq: boolean): string => queuePhysicalName(props.service, props.stage, name, spec, dlq);
      const deadLetterQueue = spec.deadLetter
        ? new Queue(this, `${pascal(name)}Dlq`, {
            ...common(spec),
            queueName: physical(true),
            retentionPeriod: DLQ_RETENTION,
            // Written out: a DLQ may have a consumer (a `deadLetter` trigger), timed against it.
            visibilityTimeout: Duration.seconds(DEAD_LETTER_VISIBILITY_TIMEOUT_SECONDS),
          })
        : undefined;
      const queue = new Queue(this, pascal(name), {
        ...common(spec),
        queueName: physical(false),
        visibilityTimeout: Duration.seconds(spec.visibilityTimeoutSeconds),
        retentionPeriod: Duration.days(spec.retentionDays),
        ...(deadLetterQueue && spec.deadLetter
          ? { deadLetterQueue: { queue: deadLetterQueue, maxReceiveCount: spec.deadLetter.maxReceiveCount } }
          : {}),
      });
      queues[name] = { name, spec, queue, ...(deadLetterQueue ? { deadLetterQueue } : {}) };
    }
    this.queues = queues;
  }

  /** The queue a manifest name refers to; the manifest schema already checked it exists. */
  get(name: string): ManifestQueue {
    const found = this.queues[name];
    if (!found) throw new Error(`queue ${name} is not in the manifest`);
    return found;
  }
}
