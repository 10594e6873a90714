// Terminal provisioning as deployed, read off the synthesized template: the template calls the
// manifest's hook, only that template may invoke it, registered terminals get a policy that pins
// them to their own thing and topics, the removal function reaches terminal things only, and the
// hook may only revoke and detach certificates (a registration retry's earlier one).
import { beforeAll, describe, expect, it } from 'vitest';
import { manifest } from '../../infra/manifest.ts';
import { terminalTemplateBody } from '../../iot/provisioning-template.ts';
import { synthesize, STAGE } from './synthesized.ts';

let s: ReturnType<typeof synthesize>;
const prefix = `${manifest.service}-${STAGE}`;
const hookName = Object.entries(manifest.functions).find(([, f]) => f.trigger.type === 'iotProvisioningHook')![0];
const fnArn = (name: string) => ({ 'Fn::GetAtt': [s.idOf(s.stack.functions[name]!.fn), 'Arn'] });
const policyNamed = (name: string) => s.ofType('AWS::IoT::Policy').find(([, p]) => p.Properties.PolicyName === name)?.[1].Properties.PolicyDocument as {
  Statement: { Action: string[]; Resource: unknown[]; Condition?: unknown }[];
};
const resolved = (value: unknown) => JSON.stringify(value);

beforeAll(() => {
  s = synthesize();
});

describe('the terminals provisioning template', () => {
  it("is enabled, registers with the terminal policy and calls the manifest's hook", () => {
    const templates = s.ofType('AWS::IoT::ProvisioningTemplate');
    expect(templates).toHaveLength(1);
    const template = templates[0]![1] as { Properties: Record<string, any> };
    expect(template.Properties).toMatchObject({ TemplateName: `${prefix}-terminals`, Enabled: true, PreProvisioningHook: { TargetArn: fnArn(hookName), PayloadVersion: '2020-04-01' } });
    expect(JSON.parse(template.Properties.TemplateBody)).toEqual(terminalTemplateBody(`${prefix}-terminal`));
  });

  it('may invoke the hook, and nothing else may through IoT', () => {
    const grants = s.ofType('AWS::Lambda::Permission').filter(([, p]) => resolved(p.Properties.FunctionName).includes(s.idOf(s.stack.functions[hookName]!.fn)));
    expect(grants).toHaveLength(1);
    expect(grants[0]![1].Properties).toMatchObject({ Principal: 'iot.amazonaws.com', SourceAccount: { Ref: 'AWS::AccountId' } });
    expect(resolved(grants[0]![1].Properties.SourceArn)).toContain(`:provisioningtemplate/${prefix}-terminals`);
  });

  it('gives terminals their own client id, topics and shadow only, with the certificate attached', () => {
    const doc = policyNamed(`${prefix}-terminal`);
    const connect = doc.Statement.find((st) => st.Action.includes('iot:Connect'))!;
    expect(resolved(connect.Resource)).toContain('client/${iot:Connection.Thing.ThingName}');
    expect(connect.Condition).toEqual({ Bool: { 'iot:Connection.Thing.IsAttached': 'true' } });
    for (const st of doc.Statement.filter((x) => !x.Action.includes('iot:Connect')))
      for (const r of st.Resource) expect(resolved(r)).toMatch(/(topic|topicfilter)\/(\$aws\/things|storefleet\/terminals)\/\$\{iot:Connection\.Thing\.ThingName\}\/\*/);
  });

  it('lets the claim certificate connect only with provisioning client ids, never a thing name', () => {
    const connects = policyNamed(`${prefix}-claim`).Statement.filter((st) => st.Action.includes('iot:Connect'));
    expect(connects).toHaveLength(1);
    expect(connects[0]!.Resource).toHaveLength(1);
    expect(resolved(connects[0]!.Resource[0])).toMatch(/:client\/provision-\*"\]/);
    expect(resolved(connects[0]!.Resource)).not.toContain('trm_');
  });

  it('lets the claim certificate do nothing but provision with this template', () => {
    const resources = policyNamed(`${prefix}-claim`).Statement.filter((st) => !st.Action.includes('iot:Connect')).flatMap((st) => st.Resource.map(resolved));
    for (const r of resources) expect(r).toMatch(/\$aws\/(certificates\/create|provisioning-templates\/storefleet-test-terminals\/provision)\/\*/);
  });
});

describe('IoT registry grants', () => {
  const iotStatements = (name: string) =>
    s.ofType('AWS::IAM::Policy')
      .filter(([, p]) => resolved(p.Properties.Roles) === resolved([{ Ref: s.idOf(s.stack.functions[name]!.role) }]))
      .flatMap(([, p]) => (p.Properties.PolicyDocument as { Statement: { Effect: string; Action: string | string[]; Resource: unknown }[] }).Statement)
      .filter((st) => [st.Action].flat().some((a) => a.startsWith('iot:')));

  it('reach terminal things (trm_*) and certificates, and only for the functions bound to them', () => {
    for (const [name, spec] of Object.entries(manifest.functions)) {
      const statements = iotStatements(name);
      if (spec.bindings.iot.length === 0) {
        expect(statements, name).toEqual([]);
        continue;
      }
      for (const st of statements) expect(resolved(st.Resource), name).toMatch(/:(thing\/trm_\*|cert\/\*)"/);
      if (!spec.bindings.iot.includes('removeThings')) continue;
      const things = statements.find((st) => [st.Action].flat().includes('iot:DeleteThing'))!;
      expect(resolved(things.Resource)).toContain(':thing/trm_*');
      const certs = statements.find((st) => [st.Action].flat().includes('iot:UpdateCertificate'))!;
      expect(certs.Action).toEqual('iot:UpdateCertificate');
    }
  });

  it("let the provisioning hook revoke certificates and detach them from terminal things, and nothing else in IoT", () => {
    expect(manifest.functions[hookName]!.bindings.iot).toEqual(['revokeCertificates']);
    const statements = iotStatements(hookName).map((st) => ({ effect: st.Effect, actions: [st.Action].flat(), resource: resolved(st.Resource) }));
    expect(statements).toHaveLength(2);
    expect(statements).toContainEqual({ effect: 'Allow', actions: ['iot:UpdateCertificate'], resource: expect.stringMatching(/:cert\/\*"\]\]\}$/) });
    expect(statements).toContainEqual({ effect: 'Allow', actions: ['iot:DetachThingPrincipal'], resource: expect.stringMatching(/:thing\/trm_\*"\]\]\}$/) });
  });
});
