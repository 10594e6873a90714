// The one way a stream consumer hands records on: strictly in order, stopping at the first
// failure. Lambda resumes the shard from the reported sequence number, so no later record can
// overtake an earlier one (Powertools' BatchProcessor would carry on past a failure).
import type { DynamoDBBatchResponse, DynamoDBRecord } from 'aws-lambda';

export const publishInOrder = async (
  records: readonly DynamoDBRecord[],
  publish: (record: DynamoDBRecord) => Promise<void>,
  onFailure: (error: unknown, sequence: string | undefined) => void,
): Promise<DynamoDBBatchResponse> => {
  for (const record of records) {
    try {
      await publish(record);
    } catch (error) {
      onFailure(error, record.dynamodb?.SequenceNumber);
      return { batchItemFailures: [{ itemIdentifier: record.dynamodb?.SequenceNumber ?? '' }] };
    }
  }
  return { batchItemFailures: [] };
};
