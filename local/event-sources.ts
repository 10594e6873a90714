// Wires every non-HTTP trigger in the manifest to its local event source.
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { SQSClient } from '@aws-sdk/client-sqs';
import type { Aedes } from 'aedes';
import type { Manifest } from '../infra/manifest-schema.ts';
import type { FunctionRuntime } from './function-runtime.ts';
import type { ProvisionedQueue } from './provision.ts';
import { forwardTopicToQueue } from './iot-rules.ts';
import type { Poller } from './pollers/poller.ts';
import { deadLettersOf, startSqsPoller } from './pollers/sqs-poller.ts';
import { startStreamPoller } from './pollers/stream-poller.ts';
import { ensureStreamFailureQueue, localStreamFailuresName } from './pollers/stream-failures.ts';
import { startSchedule } from './pollers/scheduler.ts';

type Deps = {
  dynamo: DynamoDBClient;
  sqs: SQSClient;
  runtime: FunctionRuntime;
  tables: Record<string, string>;
  queues: Record<string, ProvisionedQueue>;
  broker: Aedes;
  streamsEndpoint: string;
};

const required = <T>(value: T | undefined, what: string): T => {
  if (value === undefined) throw new Error(`Manifest names unknown ${what}`);
  return value;
};

export type EventSources = {
  pollers: Poller[];
  /** Feeds another table's stream (a silo tenant's copy of `logicalTable`) to that table's consumers. */
  addTableStream: (logicalTable: string, physicalTable: string) => Promise<void>;
  stop: () => Promise<void>;
};

/**
 * The stage the tables were provisioned for: provision.ts names each `<service>-<stage>-<table>`.
 * Failure destinations carry it in their names, as the stack name does in AWS.
 */
const stageOf = (manifest: Manifest, logicalTable: string, physicalTable: string): string => {
  const [head, tail] = [`${manifest.service}-`, `-${logicalTable}`];
  if (!physicalTable.startsWith(head) || !physicalTable.endsWith(tail) || physicalTable.length <= head.length + tail.length)
    throw new Error(`Table ${physicalTable} is not named <service>-<stage>-${logicalTable}`);
  return physicalTable.slice(head.length, -tail.length);
};

export const startEventSources = async (manifest: Manifest, deps: Deps): Promise<EventSources> => {
  const pollers: Poller[] = [];
  const streamConsumers = Object.entries(manifest.functions).flatMap(([name, { trigger }]) => (trigger.type === 'stream' ? [{ name, trigger }] : []));
  const addTableStream = async (logicalTable: string, physicalTable: string) => {
    const stage = stageOf(manifest, logicalTable, required(deps.tables[logicalTable], `table ${logicalTable}`));
    for (const { name, trigger } of streamConsumers.filter((c) => c.trigger.table === logicalTable)) {
      const source = { table: physicalTable, batchSize: trigger.batchSize, startingPosition: trigger.startingPosition, filter: trigger.filter };
      // Each mapping has its own on-failure destination, as consumeStream makes one per table in AWS.
      const other = physicalTable === deps.tables[logicalTable] ? undefined : physicalTable;
      const failures = { sqs: deps.sqs, queueUrl: await ensureStreamFailureQueue(deps.sqs, localStreamFailuresName(manifest.service, stage, name, other)) };
      pollers.push(await startStreamPoller(name, source, { ...deps, streamsEndpoint: deps.streamsEndpoint, failures }));
    }
  };
  const unsubscribes: (() => void)[] = [];
  for (const [name, { trigger }] of Object.entries(manifest.functions)) {
    // Event-driven functions start now, so the first event does not wait for a cold start.
    if (trigger.type !== 'http' && trigger.type !== 'cognito')
      deps.runtime.warm(name).catch((error: Error) => console.error(`[local] ${name} failed to start: ${error.message}`));
    switch (trigger.type) {
      case 'http':
      case 'cognito':
        // Cognito triggers run inside the user pool; the local identity provider applies the
        // same claim mapping itself (tenants/identity/claims.ts).
        break;
      case 'sqs':
        pollers.push(startSqsPoller(name, required(deps.queues[trigger.queue], `queue ${trigger.queue}`), trigger.batchSize, deps));
        break;
      case 'deadLetter':
        // The queue moves a message here after maxReceiveCount receives, as SQS does.
        pollers.push(startSqsPoller(name, deadLettersOf(required(deps.queues[trigger.queue], `queue ${trigger.queue}`), trigger.queue), trigger.batchSize, deps));
        break;
      case 'iotRule': {
        const queue = required(deps.queues[trigger.queue], `queue ${trigger.queue}`);
        unsubscribes.push(forwardTopicToQueue(deps.broker, trigger.topicFilter, queue, deps.sqs));
        pollers.push(startSqsPoller(name, queue, trigger.batchSize, deps));
        break;
      }
      case 'stream':
        // Started per table below, so silo tables can join later.
        break;
      case 'schedule':
        pollers.push(startSchedule(name, trigger.cron, deps.runtime));
        break;
      case 'iotProvisioningHook':
        // IoT Core calls the hook itself during RegisterThing (local/iot-core/fleet-provisioning.ts).
        break;
    }
  }
  for (const table of new Set(streamConsumers.map((c) => c.trigger.table))) await addTableStream(table, required(deps.tables[table], `table ${table}`));
  return {
    pollers,
    addTableStream,
    stop: async () => {
      unsubscribes.forEach((u) => u());
      await Promise.all(pollers.map((p) => p.stop()));
    },
  };
};
