// No event is lost silently: every queue that catches what a consumer gave up on (each DLQ, each
// stream mapping's failure destination) has an alarm on its first visible message, notifying the
// alarm topic.
import { beforeAll, describe, expect, it } from 'vitest';
import { synthesize, type CfnResource } from './synthesized.ts';

let resources: Record<string, CfnResource>;
let ofType: (type: string) => Array<[string, CfnResource]>;
beforeAll(() => ({ resources, ofType } = synthesize()));

type Ref = { 'Fn::GetAtt'?: [string, string]; Ref?: string };
const refId = (v: unknown): string | undefined => (v as Ref)['Fn::GetAtt']?.[0] ?? (v as Ref).Ref;

/** Logical id of each queue a redrive policy or an event source mapping's OnFailure points at. */
const catchingQueues = (): string[] => {
  const dlqs = ofType('AWS::SQS::Queue').flatMap(([, q]) => {
    const target = (q.Properties.RedrivePolicy as { deadLetterTargetArn?: unknown } | undefined)?.deadLetterTargetArn;
    return target ? [refId(target)!] : [];
  });
  const failures = ofType('AWS::Lambda::EventSourceMapping').flatMap(([, m]) => {
    const dest = (m.Properties.DestinationConfig as { OnFailure?: { Destination?: unknown } } | undefined)?.OnFailure?.Destination;
    return dest ? [refId(dest)!] : [];
  });
  return [...new Set([...dlqs, ...failures])];
};

describe('failure alarms', () => {
  it('finds the DLQs and the stream failure destinations', () => {
    const ids = catchingQueues();
    expect(ids.some((id) => id.includes('StreamFailures'))).toBe(true);
    expect(ids.some((id) => id.includes('Dlq'))).toBe(true);
    for (const id of ids) expect(resources[id]?.Type).toBe('AWS::SQS::Queue');
  });

  it('alarms on the first visible message of every one of them, to the alarm topic', () => {
    const [[topicId]] = ofType('AWS::SNS::Topic') as [[string, CfnResource]];
    const alarms = ofType('AWS::CloudWatch::Alarm').map(([, a]) => a.Properties);
    for (const queueId of catchingQueues()) {
      const alarm = alarms.find((a) => (a.Dimensions as Array<{ Name: string; Value: unknown }>).some((d) => d.Name === 'QueueName' && refId(d.Value) === queueId));
      expect(alarm, `alarm on ${queueId}`).toMatchObject({
        Namespace: 'AWS/SQS',
        MetricName: 'ApproximateNumberOfMessagesVisible',
        Threshold: 0,
        ComparisonOperator: 'GreaterThanThreshold',
        AlarmActions: [{ Ref: topicId }],
      });
    }
  });
});
