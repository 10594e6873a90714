// The real manifest synthesized once per test file (bundling skipped: the template is what is
// asserted), with lookups from manifest names to the template's logical ids.
import { readFileSync } from 'node:fs';
import { App } from 'aws-cdk-lib';
import type { CfnElement } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { IConstruct } from 'constructs';
import { manifest } from '../../infra/manifest.ts';
import { pascal } from '../../infra/constructs/naming.ts';
import { StorefleetStack } from '../../infra/stacks/storefleet-stack.ts';

export type CfnResource = { Type: string; Properties: Record<string, unknown> };

export const STAGE = 'test';
const cdkContext = JSON.parse(readFileSync(new URL('../../cdk.json', import.meta.url), 'utf8')).context as Record<string, unknown>;

export const synthesize = () => {
  const app = new App({ context: { ...cdkContext, 'aws:cdk:bundling-stacks': [] } });
  const stack = new StorefleetStack(app, 'StorefleetTest', { manifest, stage: STAGE });
  const template = Template.fromStack(stack);
  const resources = template.toJSON().Resources as Record<string, CfnResource>;
  const idOf = (construct: IConstruct): string => stack.getLogicalId(construct.node.defaultChild as CfnElement);
  return {
    stack,
    template,
    resources,
    idOf,
    ofType: (type: string): Array<[string, CfnResource]> => Object.entries(resources).filter(([, r]) => r.Type === type),
    tableId: (name: string): string => idOf(stack.node.findChild('Data').node.findChild(pascal(name))),
    queueId: (name: string, dlq = false): string => idOf(stack.node.findChild('Queues').node.findChild(`${pascal(name)}${dlq ? 'Dlq' : ''}`)),
  };
};
