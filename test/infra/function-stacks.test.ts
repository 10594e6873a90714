// How the stage is split into stacks: the stage's own stack keeps what functions share, each
// function group (a file of infra/functions/, infra/stacks/function-groups.ts) is one nested stack,
// and every stack stays well inside CloudFormation's limits (500 resources, 200 parameters and
// 200 outputs per template). The stack-size tests name each stack's counts.
import { readFileSync, readdirSync } from 'node:fs';
import { Stack } from 'aws-cdk-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { manifest } from '../../infra/manifest.ts';
import { COGNITO_TRIGGERS_GROUP, PLATFORM_GROUP, groupFunctions } from '../../infra/stacks/function-groups.ts';
import { functionGroups, synthesize, type SynthesizedStack } from './synthesized.ts';

let s: ReturnType<typeof synthesize>;
beforeAll(() => {
  s = synthesize();
});

/** What the nested stacks of today's manifest may grow by before one nears its limit. */
const RESOURCE_LIMIT = 450;
const PARAMETER_LIMIT = 150;
const OUTPUT_LIMIT = 150;

describe('stack sizes', () => {
  // Synthesized while the tests are collected, so each test's name shows its stack's counts.
  const stacks = synthesize().stacks;
  const label = (st: SynthesizedStack) => `${st.path || "the stage's own stack"}: ${st.resources} resources, ${st.parameters} parameters, ${st.outputs} outputs`;

  it('are the stage\'s own stack and one nested stack per function group', () => {
    const expected = [...groupFunctions(manifest, functionGroups).keys()].map((g) => `${g.charAt(0).toUpperCase()}${g.slice(1)}Functions`);
    expect(stacks.map((st) => st.path)).toEqual(['', ...expected.sort()]);
  });

  it.each(stacks.map((st) => [label(st), st] as const))(`%s: under ${RESOURCE_LIMIT} resources, ${PARAMETER_LIMIT} parameters and ${OUTPUT_LIMIT} outputs`, (_, st) => {
    expect(st.resources).toBeLessThan(RESOURCE_LIMIT);
    expect(st.parameters).toBeLessThan(PARAMETER_LIMIT);
    expect(st.outputs).toBeLessThan(OUTPUT_LIMIT);
  });

  it('leave the stage\'s own stack no function and room for many more: shared resources and one per nested stack', () => {
    const own = stacks[0]!;
    expect(own.path).toBe('');
    own.template.resourceCountIs('AWS::Lambda::Function', 0);
    expect(own.resources, label(own)).toBeLessThan(100);
  });
});

describe('function groups', () => {
  it('put every manifest function in exactly one nested stack, that of its group', () => {
    const groups = groupFunctions(manifest, functionGroups);
    expect([...groups.values()].flat().sort()).toEqual(Object.keys(manifest.functions).sort());
    for (const [group, names] of groups) {
      const nested = s.stack.functionStacks[group]!;
      expect(Object.keys(nested.functions).sort(), group).toEqual([...names].sort());
      for (const name of names) expect(Stack.of(s.stack.functions[name]!), name).toBe(nested);
      expect(s.ofType('AWS::Lambda::Function').filter(([id]) => id.startsWith(`${nested.node.id}/`)), group).toHaveLength(names.length);
    }
  });

  it('are the files of infra/functions/, each with its functions; the rest are declared in infra/manifest.ts itself', () => {
    const files = readdirSync(new URL('../../infra/functions/', import.meta.url)).filter((f) => f.endsWith('.ts'));
    expect(Object.keys(functionGroups).sort()).toEqual(files.map((f) => f.slice(0, -3)).sort());
    const groups = groupFunctions(manifest, functionGroups);
    for (const [group, functions] of Object.entries(functionGroups))
      for (const name of Object.keys(functions)) {
        const expected = manifest.functions[name]?.trigger.type === 'cognito' ? COGNITO_TRIGGERS_GROUP : group;
        expect(groups.get(expected), `${name} (infra/functions/${group}.ts)`).toContain(name);
      }
    // What lands in platform is written in the manifest file, not a group whose export was missed.
    const source = readFileSync(new URL('../../infra/manifest.ts', import.meta.url), 'utf8');
    const platform = groups.get(PLATFORM_GROUP) ?? [];
    expect(platform.length).toBeGreaterThan(0);
    for (const name of platform) expect(source, name).toMatch(new RegExp(`\\n\\s+${name}: \\{`));
  });

  it('give Cognito triggers a stack of their own (stack-resources.test.ts: it takes nothing from the pool)', () => {
    const cognito = Object.entries(manifest.functions).filter(([, f]) => f.trigger.type === 'cognito').map(([n]) => n);
    expect(cognito.length).toBeGreaterThan(0);
    expect(groupFunctions(manifest, functionGroups).get(COGNITO_TRIGGERS_GROUP)).toEqual(cognito);
  });

  it('refuse a function that two groups declare', () => {
    const [name, spec] = Object.entries(manifest.functions).find(([, f]) => f.trigger.type === 'http')!;
    expect(() => groupFunctions({ functions: { [name]: spec } }, { a: { [name]: spec }, b: { [name]: spec } })).toThrow(`function ${name} is declared by more than one group: a, b`);
  });

  it('refuse a file named like the stacks of the manifest\'s own functions or of Cognito triggers', () => {
    for (const reserved of [PLATFORM_GROUP, COGNITO_TRIGGERS_GROUP]) expect(() => groupFunctions(manifest, { [reserved]: {} })).toThrow(/is reserved/);
  });
});
