// GET /health: each local component, actively checked, so "ok" means requests will work.
import { ListTablesCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { ListQueuesCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { MqttBroker } from './mqtt-broker.ts';
import type { Gateway } from './gateway.ts';
import type { Poller } from './pollers/poller.ts';

type Component = { status: 'up' | 'down'; [detail: string]: unknown };

const probe = async (check: () => Promise<unknown>, detail: Record<string, unknown>): Promise<Component> => {
  try {
    await Promise.race([check(), new Promise((_, reject) => setTimeout(() => reject(new Error('no answer within 2 s')), 2_000))]);
    return { status: 'up', ...detail };
  } catch (error) {
    return { status: 'down', error: (error as Error).message, ...detail };
  }
};

export const checkHealth = async (deps: {
  dynamo: DynamoDBClient;
  sqs: SQSClient;
  mqtt: MqttBroker;
  gateway: Gateway;
  pollers: Poller[];
  endpoints: { dynamodb: string; sqs: string };
  /** The IoT Core emulation: control plane, registry and authorized clients. */
  iot?: () => Component;
}) => {
  const [dynamodb, sqs] = await Promise.all([
    probe(() => deps.dynamo.send(new ListTablesCommand({ Limit: 1 })), { endpoint: deps.endpoints.dynamodb }),
    probe(() => deps.sqs.send(new ListQueuesCommand({ MaxResults: 1 })), { endpoint: deps.endpoints.sqs }),
  ]);
  const components: Record<string, Component> = {
    dynamodb,
    sqs,
    mqtt: { ...deps.mqtt.health(), url: deps.mqtt.url },
    ...(deps.iot ? { iotCore: deps.iot() } : {}),
    gateway: { status: deps.gateway.server.listening ? 'up' : 'down', url: deps.gateway.url },
    ...Object.fromEntries(deps.pollers.map((p) => [p.name, p.health()])),
  };
  const status = Object.values(components).every((c) => c.status === 'up') ? ('ok' as const) : ('degraded' as const);
  return { status, components };
};
