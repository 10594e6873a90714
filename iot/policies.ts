// IoT policy documents, the same in AWS (CDK) and in the local broker's emulation of IoT Core.
// A terminal may connect only as its own thing, with its certificate attached to it, and touch only
// its own topics; the claim certificate, shared by every unprovisioned terminal, may do nothing but
// fleet provisioning.
import { TERMINAL_TEMPLATE } from './provisioning-template.ts';

/** `arn:aws:iot:<region>:<account>:` */
export type IotArnPrefix = string;

export const THING_VARIABLE = '${iot:Connection.Thing.ThingName}';
/**
 * The claim certificate connects only with client ids of this form. Terminal thing names are
 * trm_..., so a claim holder can never take a till's client id (IoT Core drops the older of two
 * connections with one client id: that would kick the till off).
 */
export const PROVISIONING_CLIENT_PREFIX = 'provision-';
/** Storefleet's own per-terminal topics live under this root, one branch per thing. */
export const TERMINAL_TOPIC_ROOT = 'storefleet/terminals';

type Statement = { Effect: 'Allow'; Action: string[]; Resource: string[]; Condition?: Record<string, Record<string, string>> };
export type IotPolicyDocument = { Version: '2012-10-17'; Statement: Statement[] };

const topics = (arn: IotArnPrefix, kind: 'topic' | 'topicfilter', roots: string[]) => roots.map((root) => `${arn}${kind}/${root}/*`);

export const terminalPolicy = (arn: IotArnPrefix): IotPolicyDocument => {
  const roots = [`$aws/things/${THING_VARIABLE}`, `${TERMINAL_TOPIC_ROOT}/${THING_VARIABLE}`];
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Action: ['iot:Connect'],
        Resource: [`${arn}client/${THING_VARIABLE}`],
        Condition: { Bool: { 'iot:Connection.Thing.IsAttached': 'true' } },
      },
      { Effect: 'Allow', Action: ['iot:Publish', 'iot:Receive'], Resource: topics(arn, 'topic', roots) },
      { Effect: 'Allow', Action: ['iot:Subscribe'], Resource: topics(arn, 'topicfilter', roots) },
    ],
  };
};

export const claimPolicy = (arn: IotArnPrefix, template = TERMINAL_TEMPLATE): IotPolicyDocument => {
  const roots = ['$aws/certificates/create', `$aws/provisioning-templates/${template}/provision`];
  return {
    Version: '2012-10-17',
    Statement: [
      { Effect: 'Allow', Action: ['iot:Connect'], Resource: [`${arn}client/${PROVISIONING_CLIENT_PREFIX}*`] },
      { Effect: 'Allow', Action: ['iot:Publish', 'iot:Receive'], Resource: topics(arn, 'topic', roots) },
      { Effect: 'Allow', Action: ['iot:Subscribe'], Resource: topics(arn, 'topicfilter', roots) },
    ],
  };
};
