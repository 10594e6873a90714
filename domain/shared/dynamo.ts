// One DynamoDB document client per module instance (cold start). The SDK itself honours
// AWS_ENDPOINT_URL, so the same code talks to DynamoDB Local, LocalStack or AWS.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { documentClientOver } from './document-client.ts';

export const dynamoClient = new DynamoDBClient({});
export const documentClient = documentClientOver(dynamoClient);

/** ElectroDB reports a failed condition on a single write with this AWS error name in its cause chain. */
export const isConditionalCheckFailed = (error: unknown): boolean => {
  for (let e: unknown = error; e instanceof Error; e = e.cause) {
    if (e.name === 'ConditionalCheckFailedException') return true;
  }
  return false;
};
