// An IoT Core topic rule that forwards device messages to an SQS queue. Devices never invoke a
// Lambda directly: the queue absorbs fleet-wide bursts (every POS reconnecting at opening time).
import { RemovalPolicy } from 'aws-cdk-lib';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { CfnTopicRule } from 'aws-cdk-lib/aws-iot';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { ManifestQueue } from './queues.ts';

export interface IotRuleToQueueProps {
  readonly topicFilter: string;
  readonly queue: ManifestQueue;
  readonly retain: boolean;
}

export class IotRuleToQueue extends Construct {
  readonly rule: CfnTopicRule;
  readonly role: Role;

  constructor(scope: Construct, id: string, props: IotRuleToQueueProps) {
    super(scope, id);
    const { topicFilter, queue } = props;
    // The IoT SQS action cannot send to FIFO queues (it sets no MessageGroupId).
    if (queue.spec.fifo) throw new Error(`IoT rule on '${topicFilter}': queue ${queue.name} is FIFO, which IoT rules cannot target`);
    if (topicFilter.includes("'")) throw new Error(`IoT rule topic filter may not contain a quote: ${topicFilter}`);

    this.role = new Role(this, 'Role', { assumedBy: new ServicePrincipal('iot.amazonaws.com') });
    queue.queue.grantSendMessages(this.role);
    // Messages the rule fails to deliver would otherwise vanish without a trace.
    const errors = new LogGroup(this, 'Errors', {
      retention: RetentionDays.ONE_MONTH,
      removalPolicy: props.retain ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
    errors.grantWrite(this.role);

    this.rule = new CfnTopicRule(this, 'Rule', {
      topicRulePayload: {
        sql: `SELECT * FROM '${topicFilter}'`,
        awsIotSqlVersion: '2016-03-23',
        ruleDisabled: false,
        actions: [{ sqs: { queueUrl: queue.queue.queueUrl, roleArn: this.role.roleArn, useBase64: false } }],
        errorAction: { cloudwatchLogs: { logGroupName: errors.logGroupName, roleArn: this.role.roleArn } },
      },
    });
  }
}
