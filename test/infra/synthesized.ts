// The real manifest synthesized once per run (bundling skipped: the template is what is asserted),
// with lookups from manifest names to the template's logical ids. The infra project runs its files
// in one worker without isolation (vitest.config.ts), so every file gets this module's one result;
// the files only read it.
//
// The stage is a stack with nested stacks of functions. `flatten` reads them as one template: every
// stack's resources in one map, ids qualified by the nested stack's path (`CatalogFunctions/...`),
// a nested stack's parameters replaced by what its parent passes and a parent's reads of nested
// outputs by what they output. So `{ Ref: tableId('main') }` in a nested function's environment
// says that the stage's table is what reaches it, as it would in one stack.
import { readFileSync } from 'node:fs';
import { App, NestedStack, Stack } from 'aws-cdk-lib';
import type { CfnElement } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { IConstruct } from 'constructs';
import { manifest } from '../../infra/manifest.ts';
import { pascal } from '../../infra/constructs/naming.ts';
import { StorefleetStack } from '../../infra/stacks/storefleet-stack.ts';
import { loadFunctionGroups } from '../../infra/stacks/function-groups.ts';

export type CfnResource = { Type: string; Properties: Record<string, unknown>; DependsOn?: string[] };
type CfnTemplate = { Resources?: Record<string, CfnResource>; Parameters?: Record<string, unknown>; Outputs?: Record<string, { Value: unknown }> };

/** One synthesized stack: its own template and what its size is against CloudFormation's limits. */
export interface SynthesizedStack {
  readonly stack: Stack;
  /** '' for the top-level stack, else the nested stack's path below it (`CatalogFunctions`). */
  readonly path: string;
  readonly template: Template;
  readonly resources: number;
  readonly parameters: number;
  readonly outputs: number;
}

export const STAGE = 'test';
/** The manifest's function groups, loaded once, as infra/app.ts does: pass them to every StorefleetStack. */
export const functionGroups = await loadFunctionGroups();
export const cdkContext = JSON.parse(readFileSync(new URL('../../cdk.json', import.meta.url), 'utf8')).context as Record<string, unknown>;

const nestedChildren = (stack: Stack): NestedStack[] =>
  stack.node.findAll().filter((c): c is NestedStack => c instanceof NestedStack && c.nestedStackParent === stack);

/** A top-level stack and its nested stacks read as one template (see the top of this file). */
export const flatten = (root: Stack) => {
  const all: Record<string, CfnResource> = {};
  const stacks: SynthesizedStack[] = [];
  const qualifierOf = (stack: Stack): string => (stack === root ? '' : `${stack.node.path.slice(root.node.path.length + 1)}/`);

  /** Adds `stack`'s resources, given what its parent passes; returns its outputs as read from outside. */
  const visit = (stack: Stack, passed: Record<string, unknown>): Record<string, unknown> => {
    const template = Template.fromStack(stack);
    const json = template.toJSON() as CfnTemplate;
    const q = qualifierOf(stack);
    const children = new Map(nestedChildren(stack).map((n) => [stack.getLogicalId(n.nestedStackResource as CfnElement), n]));
    const childOutputs = new Map<string, Record<string, unknown>>();
    const outputsOf = (id: string): Record<string, unknown> => {
      let outputs = childOutputs.get(id);
      if (!outputs) {
        const parameters = (json.Resources?.[id]?.Properties.Parameters ?? {}) as Record<string, unknown>;
        outputs = visit(children.get(id)!, resolve(parameters) as Record<string, unknown>);
        childOutputs.set(id, outputs);
      }
      return outputs;
    };
    const resolve = (value: unknown): unknown => {
      if (Array.isArray(value)) return value.map(resolve);
      if (value === null || typeof value !== 'object') return value;
      const entries = Object.entries(value as Record<string, unknown>);
      if (entries.length === 1) {
        const [[key, arg]] = entries as [[string, unknown]];
        if (key === 'Ref' && typeof arg === 'string') {
          if (arg in passed) return passed[arg];
          return arg.startsWith('AWS::') || arg in (json.Parameters ?? {}) ? value : { Ref: `${q}${arg}` };
        }
        if (key === 'Fn::GetAtt' && Array.isArray(arg)) {
          const [id, attribute] = arg as [string, string];
          if (children.has(id) && attribute.startsWith('Outputs.')) return outputsOf(id)[attribute.slice('Outputs.'.length)];
          return { 'Fn::GetAtt': [`${q}${id}`, attribute] };
        }
      }
      return Object.fromEntries(entries.map(([k, v]) => [k, resolve(v)]));
    };
    for (const [id, resource] of Object.entries(json.Resources ?? {})) {
      all[`${q}${id}`] = {
        ...(resolve(resource) as CfnResource),
        ...(resource.DependsOn ? { DependsOn: [resource.DependsOn].flat().map((d) => `${q}${d}`) } : {}),
      };
    }
    for (const id of children.keys()) outputsOf(id);
    stacks.push({
      stack,
      path: q.replace(/\/$/, ''),
      template,
      resources: Object.keys(json.Resources ?? {}).length,
      parameters: Object.keys(json.Parameters ?? {}).length,
      outputs: Object.keys(json.Outputs ?? {}).length,
    });
    return Object.fromEntries(Object.entries(json.Outputs ?? {}).map(([name, output]) => [name, resolve(output.Value)]));
  };
  visit(root, {});

  return {
    /** Every stack's resources as one template; its own cycle check runs on the flattened graph. */
    template: Template.fromJSON({ Resources: all }),
    resources: all,
    /** The top-level stack first, then its nested stacks by path. */
    stacks: [...stacks].sort((a, b) => a.path.localeCompare(b.path)),
    /** A construct's resource id in the flattened template. */
    idOf: (construct: IConstruct): string => {
      const element = (construct.node.defaultChild ?? construct) as CfnElement;
      const stack = Stack.of(element);
      return `${qualifierOf(stack)}${stack.getLogicalId(element)}`;
    },
    ofType: (type: string): Array<[string, CfnResource]> => Object.entries(all).filter(([, r]) => r.Type === type),
  };
};

/**
 * A template value as text: Fn::Join joined, pseudo parameters as `${AWS::Region}`, references as
 * `${id}` and `${id.Attribute}`. For values the CDK builds as joins (ARNs from names).
 */
export const asText = (value: unknown): string => {
  if (typeof value === 'string') return value;
  const v = value as { Ref?: string; 'Fn::GetAtt'?: [string, string]; 'Fn::Join'?: [string, unknown[]] };
  if (v.Ref !== undefined) return `\${${v.Ref}}`;
  if (v['Fn::GetAtt']) return `\${${v['Fn::GetAtt'].join('.')}}`;
  if (v['Fn::Join']) return v['Fn::Join'][1].map(asText).join(v['Fn::Join'][0]);
  throw new Error(`not a text value: ${JSON.stringify(value)}`);
};

const build = () => {
  const app = new App({ context: { ...cdkContext, 'aws:cdk:bundling-stacks': [] } });
  const stack = new StorefleetStack(app, 'StorefleetTest', { manifest, stage: STAGE, functionGroups });
  const flat = flatten(stack);
  const tenantRoleId = (level: 'read' | 'readWrite'): string => flat.idOf(stack.node.findChild('TenantAccess').node.findChild(level === 'read' ? 'Read' : 'ReadWrite'));
  return {
    stack,
    /** The stage's own stack alone. */
    own: Template.fromStack(stack),
    ...flat,
    tableId: (name: string): string => flat.idOf(stack.node.findChild('Data').node.findChild(pascal(name))),
    queueId: (name: string, dlq = false): string => flat.idOf(stack.node.findChild('Queues').node.findChild(`${pascal(name)}${dlq ? 'Dlq' : ''}`)),
    tenantRoleId,
    /** The ARN of a tenant role as text, from the name the role is deployed with. */
    tenantRoleArn: (level: 'read' | 'readWrite'): string =>
      `arn:\${AWS::Partition}:iam::\${AWS::AccountId}:role/${asText(flat.resources[tenantRoleId(level)]!.Properties.RoleName)}`,
  };
};

let synthesized: ReturnType<typeof build> | undefined;
export const synthesize = (): ReturnType<typeof build> => (synthesized ??= build());
