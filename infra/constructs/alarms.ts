// Nothing is lost silently: every place a message or stream batch goes when its consumer gives up
// (each queue's DLQ, each stream mapping's failure destination) has an alarm that fires on its
// first message, and every alarm notifies one SNS topic that the operators subscribe to.
// What to do when one fires is in docs/operations.md.
import { Duration } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { Topic } from 'aws-cdk-lib/aws-sns';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

export class FailureAlarms extends Construct {
  readonly topic: Topic;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.topic = new Topic(this, 'Topic', { displayName: 'Storefleet dead letters and failed stream batches', enforceSSL: true });
  }

  /** Alarms as soon as `queue` holds a message; `what` says in the alarm what was lost. */
  watch(id: string, queue: IQueue, what: string): Alarm {
    const alarm = new Alarm(this, id, {
      alarmDescription: `${what}: see docs/operations.md`,
      metric: queue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(1), statistic: 'Maximum' }),
      threshold: 0,
      comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 1,
      // SQS stops reporting an empty idle queue; no data means nothing waits there.
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    alarm.addAlarmAction(new SnsAction(this.topic));
    return alarm;
  }
}
