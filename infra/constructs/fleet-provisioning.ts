// Fleet provisioning by claim for one template: the template itself with its pre-provisioning hook,
// the role IoT Core registers things with, the policy every registered terminal gets, and the
// policy for the claim certificate that unprovisioned terminals share. The claim certificate is
// made once per stage by an operator (docs/operations.md) and attached to the claim policy.
import { Stack, Validations } from 'aws-cdk-lib';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { CfnPolicy, CfnProvisioningTemplate } from 'aws-cdk-lib/aws-iot';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import { claimPolicy, terminalPolicy } from '../../iot/policies.ts';
import { terminalTemplateBody } from '../../iot/provisioning-template.ts';
import { ID_PREFIXES } from '../../domain/shared/ids.ts';

export interface FleetProvisioningProps {
  /** The template's logical name in the manifest; physical names add service and stage. */
  readonly template: string;
  readonly namePrefix: string;
  readonly hook: IFunction;
}

export class FleetProvisioning extends Construct {
  readonly templateName: string;
  readonly terminalPolicyName: string;
  readonly claimPolicyName: string;

  constructor(scope: Construct, id: string, props: FleetProvisioningProps) {
    super(scope, id);
    const stack = Stack.of(this);
    // Written out rather than with Fn::Sub, which would take the policies' ${iot:...} variables for its own.
    const arnPrefix = `arn:${stack.partition}:iot:${stack.region}:${stack.account}:`;
    this.templateName = `${props.namePrefix}-${props.template}`;
    this.terminalPolicyName = `${props.namePrefix}-terminal`;
    this.claimPolicyName = `${props.namePrefix}-claim`;

    const terminal = new CfnPolicy(this, 'TerminalPolicy', { policyName: this.terminalPolicyName, policyDocument: terminalPolicy(arnPrefix) });
    new CfnPolicy(this, 'ClaimPolicy', { policyName: this.claimPolicyName, policyDocument: claimPolicy(arnPrefix, this.templateName) });

    // What RegisterThing does with this template's resources, and no more (AWS's managed
    // AWSIoTThingsRegistration would also let it create policies and touch any thing).
    const role = new Role(this, 'ProvisioningRole', {
      description: 'IoT Core registers provisioned terminals (thing, certificate, policy) with this role',
      assumedBy: new ServicePrincipal('iot.amazonaws.com'),
    });
    const arn = (resource: string, resourceName: string) => stack.formatArn({ service: 'iot', resource, resourceName });
    const things = arn('thing', `${ID_PREFIXES.terminal}_*`);
    const certificates = arn('cert', '*');
    role.addToPolicy(
      new PolicyStatement({
        actions: ['iot:CreateThing', 'iot:DescribeThing', 'iot:UpdateThing', 'iot:AttachThingPrincipal', 'iot:ListThingPrincipals'],
        resources: [things],
      }),
    );
    role.addToPolicy(
      new PolicyStatement({ actions: ['iot:DescribeCertificate', 'iot:UpdateCertificate', 'iot:AttachPolicy', 'iot:ListAttachedPolicies'], resources: [certificates] }),
    );
    role.addToPolicy(new PolicyStatement({ actions: ['iot:GetPolicy', 'iot:AttachPolicy'], resources: [arn('policy', this.terminalPolicyName)] }));
    Validations.of(role).acknowledge({
      id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:iot:<AWS::Region>:<AWS::AccountId>:thing/${ID_PREFIXES.terminal}_*]`,
      reason: 'Registering terminals: the hook names every terminal thing trm_<ULID>, and the role may touch no other thing.',
    });
    Validations.of(role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:iot:<AWS::Region>:<AWS::AccountId>:cert/*]',
      reason: "Activating the registering terminal's new certificate and attaching the terminal policy: its id is known only at registration.",
    });

    const template = new CfnProvisioningTemplate(this, 'Template', {
      templateName: this.templateName,
      description: 'POS terminals register with a one-time provisioning code',
      enabled: true,
      provisioningRoleArn: role.roleArn,
      templateBody: JSON.stringify(terminalTemplateBody(this.terminalPolicyName)),
      preProvisioningHook: { targetArn: props.hook.functionArn, payloadVersion: '2020-04-01' },
    });
    template.addDependency(terminal);
    // Only this template, in this account, may call the hook (confused-deputy protection).
    props.hook.addPermission('IotProvisioningHook', {
      principal: new ServicePrincipal('iot.amazonaws.com'),
      sourceArn: stack.formatArn({ service: 'iot', resource: 'provisioningtemplate', resourceName: this.templateName }),
      sourceAccount: stack.account,
    });
  }
}
