// cdk-nag (v3, a policy-validation plugin) over the real stack and its nested stacks of functions:
// no finding is left open, and every acknowledgement is narrow, explained, and actually silences a
// finding.
import { App, Stack, Validations } from 'aws-cdk-lib';
import { Queue } from 'aws-cdk-lib/aws-sqs';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { beforeAll, describe, expect, it } from 'vitest';
import { manifest } from '../../infra/manifest.ts';
import { StorefleetStack } from '../../infra/stacks/storefleet-stack.ts';
import { cdkContext, functionGroups } from './synthesized.ts';

type Acknowledgement = { path: string; id: string; reason: string; holder: IConstruct };
type Violation = { ruleName: string; severity?: string; violatingResources: Array<{ constructPath: string }> };


/** Every Validations acknowledgement recorded in the tree, with the construct it sits on. */
const acknowledgements = (root: IConstruct): Acknowledgement[] =>
  root.node.findAll().flatMap((c) =>
    c.node.metadata
      .filter((m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
      .flatMap((m) =>
        Object.entries(m.data as Record<string, string>).map(([key, reason]) => ({
          path: c.node.path,
          id: key.replace(/^annotation::/i, ''),
          reason,
          holder: c,
        })),
      ),
  );

/**
 * Runs the pack and records which acknowledgement silenced which finding. cdk-nag consults its
 * (private) isAcknowledged only for a non-compliant resource, so a hit means the rule really fired.
 */
const runPack = (scope: IConstruct): { violations: Violation[]; used: Set<string> } => {
  const pack = new AwsSolutionsChecks(undefined, { verbose: true });
  const original = Reflect.get(pack, 'isAcknowledged') as (resource: IConstruct, ruleId: string) => boolean;
  const used = new Set<string>();
  Reflect.set(pack, 'isAcknowledged', (resource: IConstruct, ruleId: string): boolean => {
    const acknowledged = original.call(pack, resource, ruleId);
    if (acknowledged) {
      for (let c: IConstruct | undefined = resource; c; c = c.node.scope) {
        if (acknowledgements(c).some((a) => a.holder === c && a.id === ruleId)) {
          used.add(`${c.node.path}|${ruleId}`);
          break;
        }
      }
    }
    return acknowledged;
  });
  const report = pack.validateScope(scope);
  return { violations: report.violations as Violation[], used };
};

let stack: StorefleetStack;
let acks: Acknowledgement[];
let result: { violations: Violation[]; used: Set<string> };

beforeAll(() => {
  const app = new App({ context: { ...cdkContext, 'aws:cdk:bundling-stacks': [] } });
  stack = new StorefleetStack(app, 'StorefleetNag', { manifest, stage: 'test', functionGroups });
  // As `cdk synth` runs the pack: after synthesis, when references between the stage's stack and
  // its nested stacks have become parameters and outputs (a finding names what it sees).
  app.synth();
  acks = acknowledgements(app);
  result = runPack(stack);
});

describe('cdk-nag AwsSolutions', () => {
  it('leaves no unacknowledged error', () => {
    const errors = result.violations.filter((v) => v.severity === 'error');
    expect(errors.map((v) => `${v.ruleName} @ ${v.violatingResources.map((r) => r.constructPath).join(', ')}`)).toEqual([]);
  });

  it('leaves no unacknowledged warning either', () => {
    expect(result.violations.map((v) => `${v.ruleName} (${v.severity})`)).toEqual([]);
  });

  it('is really applied: an insecure resource is reported', () => {
    const app = new App({ context: { ...cdkContext, 'aws:cdk:bundling-stacks': [] } });
    const probe = new Stack(app, 'Probe');
    new Queue(probe, 'Insecure');
    expect(runPack(probe).violations.map((v) => v.ruleName)).toEqual(expect.arrayContaining(['AwsSolutions-SQS3', 'AwsSolutions-SQS4']));
  });
});

describe('acknowledgements', () => {
  it('each carry a concrete reason', () => {
    for (const a of acks) {
      expect(a.reason.length, `${a.path} ${a.id}`).toBeGreaterThanOrEqual(60);
      expect(a.reason, `${a.path} ${a.id}`).not.toMatch(/^(todo|n\/a|not needed|ok)\b/i);
    }
  });

  it('sit on the construct that owns the finding, never on the app or a stack', () => {
    for (const a of acks) expect(Stack.isStack(a.holder) || a.holder.node.scope === undefined, a.path).toBe(false);
  });

  it('name the exact IAM5 finding instead of silencing the whole rule', () => {
    for (const a of acks.filter((x) => x.id.startsWith('AwsSolutions-IAM5'))) expect(a.id, a.path).toMatch(/^AwsSolutions-IAM5\[.+\]$/);
  });

  it('each silence at least one real finding (none is stale)', () => {
    const unused = acks.filter((a) => !result.used.has(`${a.path}|${a.id}`)).map((a) => `${a.path} ${a.id}`);
    expect(unused).toEqual([]);
  });
});
