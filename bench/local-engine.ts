// How an in-process benchmark reaches the run's DynamoDB Local: the SDK pointed at it through the
// environment (before any domain module is imported, as a function's bindings would), a bare
// client for the baseline, and a tenant data scope whose client counts the commands a use case
// sends, so a benchmark can say how many round trips it measured.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { LocalCloud } from '../local/cloud.ts';
import type { DataScope } from '../domain/shared/data-scope.ts';
import { documentClientOver } from '../domain/shared/document-client.ts';

export const useLocalEngine = (cloud: LocalCloud): void => {
  Object.assign(process.env, {
    TABLE_MAIN: cloud.tables.main,
    AWS_ENDPOINT_URL_DYNAMODB: cloud.endpoints.dynamodb,
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    AWS_REGION: process.env.AWS_REGION ?? 'us-east-1',
  });
};

export const bareClient = (cloud: LocalCloud): DynamoDBClient =>
  new DynamoDBClient({ endpoint: cloud.endpoints.dynamodb, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });

/** The shared table as a pooled tenant's scope, with every command's name pushed onto `calls`. */
export const countedScope = (cloud: LocalCloud): { scope: DataScope; calls: string[]; destroy: () => void } => {
  const calls: string[] = [];
  const counted = new DynamoDBClient({});
  counted.middlewareStack.add((next, context) => async (args) => (calls.push(String(context.commandName)), next(args)), { step: 'initialize' });
  // Built as the functions' own client is (domain/shared/document-client.ts).
  const client = documentClientOver(counted);
  return { scope: { tenantTable: cloud.tables.main!, platformTable: cloud.tables.main!, client }, calls, destroy: () => counted.destroy() };
};
