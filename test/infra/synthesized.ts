// The real manifest synthesized once per run (bundling skipped: the template is what is asserted),
// with lookups from manifest names to the template's logical ids. The infra project runs its files
// in one worker without isolation (vitest.config.ts), so every file gets this module's one result;
// the files only read it.
import { readFileSync } from 'node:fs';
import { App } from 'aws-cdk-lib';
import type { CfnElement, NestedStack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { IConstruct } from 'constructs';
import { manifest } from '../../infra/manifest.ts';
import { pascal } from '../../infra/constructs/naming.ts';
import { StorefleetStack } from '../../infra/stacks/storefleet-stack.ts';

export type CfnResource = { Type: string; Properties: Record<string, unknown> };

export const STAGE = 'test';
const cdkContext = JSON.parse(readFileSync(new URL('../../cdk.json', import.meta.url), 'utf8')).context as Record<string, unknown>;

const build = () => {
  const app = new App({ context: { ...cdkContext, 'aws:cdk:bundling-stacks': [] } });
  const stack = new StorefleetStack(app, 'StorefleetTest', { manifest, stage: STAGE });
  const template = Template.fromStack(stack);
  const resources = template.toJSON().Resources as Record<string, CfnResource>;
  const idOf = (construct: IConstruct): string => stack.getLogicalId(construct.node.defaultChild as CfnElement);
  const ofTypeIn = (all: Record<string, CfnResource>) => (type: string): Array<[string, CfnResource]> => Object.entries(all).filter(([, r]) => r.Type === type);

  // The HTTP routes' nested stack: its template, and its parameters read as what the stage passes.
  const routesStack = stack.node.findChild('Api').node.findChild('Routes') as NestedStack;
  const routesTemplate = Template.fromStack(routesStack);
  const routeResources = routesTemplate.toJSON().Resources as Record<string, CfnResource>;
  const passed = resources[stack.getLogicalId(routesStack.nestedStackResource as CfnElement)]!.Properties.Parameters as Record<string, unknown>;
  const fromStage = (value: unknown): unknown => {
    const ref = (value as { Ref?: string } | undefined)?.Ref;
    return ref !== undefined && ref in passed ? passed[ref] : value;
  };

  return {
    stack,
    template,
    resources,
    idOf,
    ofType: ofTypeIn(resources),
    routes: { template: routesTemplate, resources: routeResources, ofType: ofTypeIn(routeResources), fromStage },
    tableId: (name: string): string => idOf(stack.node.findChild('Data').node.findChild(pascal(name))),
    queueId: (name: string, dlq = false): string => idOf(stack.node.findChild('Queues').node.findChild(`${pascal(name)}${dlq ? 'Dlq' : ''}`)),
  };
};

let synthesized: ReturnType<typeof build> | undefined;
export const synthesize = (): ReturnType<typeof build> => (synthesized ??= build());
