// Reading one failed batch's records back from its stream, by the pointer Lambda left.
import { GetRecordsCommand, GetShardIteratorCommand, type DynamoDBStreamsClient, type _Record as StreamRecord } from '@aws-sdk/client-dynamodb-streams';
import type { DDBStreamBatchInfo } from '../../local/pollers/stream-failures.ts';

/** GetRecords may answer empty before it reaches a range's records; this many in a row means they are not there. */
const MAX_EMPTY_READS = 100;
const GONE = ['TrimmedDataAccessException', 'ResourceNotFoundException'];

/** The stream no longer holds the records (past its 24 hours, or the shard is gone). */
export const isGone = (error: unknown): boolean => GONE.includes((error as Error).name);

/** The range's records, in shard order; throws when the shard no longer holds them. */
export const readRange = async (streams: DynamoDBStreamsClient, info: DDBStreamBatchInfo): Promise<StreamRecord[]> => {
  const end = BigInt(info.endSequenceNumber);
  const iteratorAt = async (type: 'AT_SEQUENCE_NUMBER' | 'AFTER_SEQUENCE_NUMBER', sequence: string) =>
    (await streams.send(new GetShardIteratorCommand({ StreamArn: info.streamArn, ShardId: info.shardId, ShardIteratorType: type, SequenceNumber: sequence }))).ShardIterator;
  const records: StreamRecord[] = [];
  let iterator = await iteratorAt('AT_SEQUENCE_NUMBER', info.startSequenceNumber);
  let empty = 0;
  while (iterator) {
    let page;
    try {
      page = await streams.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: 1000 }));
    } catch (error) {
      // An iterator lives 15 minutes; a new one from the last record read goes on from there.
      if ((error as Error).name !== 'ExpiredIteratorException') throw error;
      const last = records.at(-1)?.dynamodb?.SequenceNumber;
      iterator = last ? await iteratorAt('AFTER_SEQUENCE_NUMBER', last) : await iteratorAt('AT_SEQUENCE_NUMBER', info.startSequenceNumber);
      continue;
    }
    for (const record of page.Records ?? []) {
      const sequence = BigInt(record.dynamodb?.SequenceNumber ?? '0');
      if (sequence > end) return records;
      records.push(record);
      if (sequence === end) return records;
    }
    empty = page.Records?.length ? 0 : empty + 1;
    if (empty >= MAX_EMPTY_READS) break;
    iterator = page.NextShardIterator;
  }
  const got = records.at(-1)?.dynamodb?.SequenceNumber;
  throw Object.assign(new Error(`the shard ends ${got ? `at ${got}` : 'before the range starts'}, short of ${info.endSequenceNumber}`), { name: 'RangeNotFound' });
};
