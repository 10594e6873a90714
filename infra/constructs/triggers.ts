// Connects a function to the event source its manifest trigger names (everything but http, which
// the Api construct routes). Resources a trigger needs are created under the function's scope,
// except Cognito triggers, which are part of the user pool.
import { Duration, Stack, Validations } from 'aws-cdk-lib';
import { Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { FilterCriteria, FilterRule, StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq, SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { DEAD_LETTER_VISIBILITY_TIMEOUT_SECONDS, type Trigger } from '../manifest-schema.ts';
import type { Data, ManifestTable } from './data.ts';
import type { Identity } from './identity.ts';
import { IotRuleToQueue } from './iot-rule.ts';
import { FleetProvisioning } from './fleet-provisioning.ts';
import type { ManifestQueue, Queues } from './queues.ts';
import type { ServiceFunction } from './service-function.ts';

export type EventTrigger = Exclude<Trigger, { type: 'http' }>;
type StreamTriggerSpec = Extract<Trigger, { type: 'stream' }>;

export interface TriggerResources {
  readonly data: Data;
  readonly queues: Queues;
  readonly identity: Identity;
  /** The function's manifest name, for error messages. */
  readonly name: string;
  readonly timeoutSeconds: number;
  readonly retain: boolean;
  /** `<service>-<stage>`, for resources named outside CloudFormation's own naming (IoT). */
  readonly namePrefix: string;
  /** Silo tenants' copies of the tenant-data table; a stream trigger on it consumes theirs too. */
  readonly siloTables: readonly ManifestTable[];
}

// After this many retries (each halving the batch) a poison record goes to the failure queue
// instead of blocking its shard for up to a day.
const STREAM_RETRY_ATTEMPTS = 5;
// Lambda takes more than 10 SQS messages per batch only with a batching window; iotRule triggers
// declare no window, so a batch above 10 waits at most this long to fill.
const IOT_BATCHING_WINDOW_SECONDS = 1;
// Enough to ride out a throttle; a scheduled job failing more often than that needs a person.
const SCHEDULE_RETRY_ATTEMPTS = 2;

/** Connects the trigger; returns the failure destinations it made (stream mappings), to alarm on. */
export const addEventTrigger = (fn: ServiceFunction, trigger: EventTrigger, res: TriggerResources): Queue[] => {
  switch (trigger.type) {
    case 'sqs':
      consumeQueue(fn, res.queues.get(trigger.queue), trigger.batchSize, trigger.maxBatchingWindowSeconds, res.timeoutSeconds);
      return [];
    case 'deadLetter':
      // The queue's DLQ keeps its alarm (FailureAlarms): a dead letter this function cannot
      // handle either stays there, visible, until someone looks.
      consumeQueue(fn, deadLetterQueueOf(res.queues.get(trigger.queue)), trigger.batchSize, 0, res.timeoutSeconds);
      return [];
    case 'iotRule': {
      const queue = res.queues.get(trigger.queue);
      new IotRuleToQueue(fn, 'IotRule', { topicFilter: trigger.topicFilter, queue, retain: res.retain });
      consumeQueue(fn, queue, trigger.batchSize, trigger.batchSize > 10 ? IOT_BATCHING_WINDOW_SECONDS : 0, res.timeoutSeconds);
      return [];
    }
    case 'stream': {
      const bound = res.data.get(trigger.table);
      const failures = [consumeStream(fn, bound, trigger, 'StreamFailures')];
      if (bound.spec.tenantData)
        for (const silo of res.siloTables) failures.push(consumeStream(fn, silo, trigger, `StreamFailures${Stack.of(silo.table).node.id.replace(/[^A-Za-z0-9]/g, '')}`));
      return failures;
    }
    case 'schedule':
      new Rule(fn, 'Schedule', {
        schedule: Schedule.expression(`cron(${trigger.cron})`),
        targets: [new LambdaFunction(fn.fn, { retryAttempts: SCHEDULE_RETRY_ATTEMPTS })],
      });
      return [];
    case 'iotProvisioningHook':
      new FleetProvisioning(fn, 'FleetProvisioning', { template: trigger.template, namePrefix: res.namePrefix, hook: fn.fn });
      return [];
    case 'cognito':
      // The pool names the function in its LambdaConfig, so the function must not name the pool
      // (env or grant): CloudFormation would see a circular dependency.
      if (fn.referencesIdentity)
        throw new Error(`function ${res.name}: a cognito trigger cannot have identity bindings (the user pool already depends on it)`);
      res.identity.addTrigger(trigger.event, fn.fn, res.name);
      return [];
  }
};

/** A queue's DLQ as a queue to consume: its own visibility timeout, its source queue's FIFO-ness. */
const deadLetterQueueOf = (bound: ManifestQueue): ManifestQueue => {
  if (!bound.deadLetterQueue) throw new Error(`queue ${bound.name} has no dead-letter queue`);
  return { name: `${bound.name} (dead letters)`, spec: { ...bound.spec, visibilityTimeoutSeconds: DEAD_LETTER_VISIBILITY_TIMEOUT_SECONDS }, queue: bound.deadLetterQueue };
};

const consumeQueue = (fn: ServiceFunction, bound: ManifestQueue, batchSize: number, windowSeconds: number, timeoutSeconds: number): void => {
  // A message must stay hidden while a batch holding it can still be running, or it is delivered twice.
  if (bound.spec.visibilityTimeoutSeconds < timeoutSeconds)
    throw new Error(`queue ${bound.name}: visibility timeout ${bound.spec.visibilityTimeoutSeconds}s is shorter than its consumer's timeout ${timeoutSeconds}s`);
  if (bound.spec.fifo && (windowSeconds > 0 || batchSize > 10))
    throw new Error(`queue ${bound.name}: a FIFO event source takes at most 10 messages and no batching window`);
  fn.fn.addEventSource(
    new SqsEventSource(bound.queue, {
      batchSize,
      reportBatchItemFailures: true,
      ...(windowSeconds > 0 ? { maxBatchingWindow: Duration.seconds(windowSeconds) } : {}),
    }),
  );
};

const consumeStream = (fn: ServiceFunction, bound: ManifestTable, trigger: StreamTriggerSpec, failuresId: string): Queue => {
  if (!bound.table.tableStreamArn) throw new Error(`table ${bound.name} has no stream`);
  const failures = new Queue(fn, failuresId, {
    encryption: QueueEncryption.SQS_MANAGED,
    enforceSSL: true,
    retentionPeriod: Duration.days(14),
  });
  Validations.of(failures).acknowledge({
    id: 'AwsSolutions-SQS3',
    reason: `This queue is itself the on-failure destination of the ${bound.name} stream mapping (it holds the pointers to records that exhausted their retries); a DLQ behind it would have nothing to catch.`,
  });
  fn.fn.addEventSource(
    new DynamoEventSource(bound.table, {
      startingPosition: trigger.startingPosition === 'LATEST' ? StartingPosition.LATEST : StartingPosition.TRIM_HORIZON,
      batchSize: trigger.batchSize,
      bisectBatchOnError: true,
      retryAttempts: STREAM_RETRY_ATTEMPTS,
      reportBatchItemFailures: true,
      onFailure: new SqsDlq(failures),
      ...(trigger.filter ? { filters: streamFilters(bound, trigger.filter) } : {}),
    }),
  );
  return failures;
};

type StreamFilter = NonNullable<StreamTriggerSpec['filter']>;

/**
 * ElectroDB keeps the entity name in `__edb_e__`. A REMOVE record has no new image, so removals
 * are matched on the old image in a second pattern (Lambda ORs the patterns).
 */
export const streamFilters = (bound: Pick<ManifestTable, 'name' | 'spec'>, filter: StreamFilter): Array<Record<string, unknown>> => {
  const entity = (image: 'NewImage' | 'OldImage'): Record<string, unknown> =>
    filter.entities.length > 0 ? { dynamodb: { [image]: { __edb_e__: { S: FilterRule.or(...filter.entities) } } } } : {};
  const changes = filter.eventNames.filter((name) => name !== 'REMOVE');
  const removes = filter.eventNames.includes('REMOVE');
  // Nothing to filter on: an empty pattern is rejected by Lambda, no filter means every record.
  if (filter.eventNames.length === 0 && filter.entities.length === 0) return [];
  const patterns: Array<Record<string, unknown>> = [];
  if (changes.length > 0 || !removes) {
    patterns.push(FilterCriteria.filter({ ...(changes.length > 0 ? { eventName: FilterRule.or(...changes) } : {}), ...entity('NewImage') }));
  }
  if (removes) {
    const view = bound.spec.stream;
    if (filter.entities.length > 0 && view !== 'OLD_IMAGE' && view !== 'NEW_AND_OLD_IMAGES')
      throw new Error(`table ${bound.name}: filtering REMOVE records by entity needs the old image in the stream`);
    patterns.push(FilterCriteria.filter({ eventName: FilterRule.or('REMOVE'), ...entity('OldImage') }));
  }
  return patterns;
};
