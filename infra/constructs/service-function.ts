// One Lambda entry point from the manifest. Fixes what every function shares (runtime, bundling,
// logs, tracing) and offers bindTable/bindQueue/bindIdentity/... for its grants. Its environment
// is the function environment contract's (domain/shared/function-env.ts), built by the stack from
// the same bindings; test/infra/stack-functions.test.ts holds the two together.
import { fileURLToPath } from 'node:url';
import { Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, Code, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { PLATFORM_LEADING_KEYS, tableStatements, type TableAccess } from './tenant-access.ts';
import type { FunctionSpec } from '../manifest-schema.ts';
import type { ManifestTable } from './data.ts';
import type { Identity } from './identity.ts';
import type { ManifestQueue } from './queues.ts';
import type { ManifestKey } from './keys.ts';
import { ID_PREFIXES } from '../../domain/shared/ids.ts';

export type QueueAccess = 'send';
export type KeyAccess = 'encrypt' | 'decrypt' | 'encryptDecrypt';
export const KEY_ACTIONS: Readonly<Record<KeyAccess, readonly string[]>> = { encrypt: ['kms:Encrypt'], decrypt: ['kms:Decrypt'], encryptDecrypt: ['kms:Encrypt', 'kms:Decrypt'] };
export type IdentityAction = FunctionSpec['bindings']['identity'][number];
export type IotAction = FunctionSpec['bindings']['iot'][number];

/** The Cognito API calls each identity binding needs, all on the one user pool. */
export const IDENTITY_ACTIONS: Readonly<Record<IdentityAction, readonly string[]>> = {
  // AdminCreateUser (MessageAction SUPPRESS) + AdminSetUserPassword (Permanent) register a login;
  // AdminDeleteUser rolls a failed signup back; the other two read and update tenant claims.
  registerUsers: [
    'cognito-idp:AdminCreateUser',
    'cognito-idp:AdminSetUserPassword',
    'cognito-idp:AdminDeleteUser',
    'cognito-idp:AdminUpdateUserAttributes',
    'cognito-idp:AdminGetUser',
  ],
  signIn: ['cognito-idp:AdminInitiateAuth'],
};

export interface ServiceFunctionProps {
  readonly spec: FunctionSpec;
  /** The function's variables, as the contract builds them (domain/shared/function-env.ts). */
  readonly environment: Readonly<Record<string, string>>;
  /** Keep log groups when the stack goes away (production audit trail). */
  readonly retain: boolean;
}

// Manifest entries are relative to the repository root, wherever the CDK CLI was started from.
const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

// esbuild's ESM output still calls require() for CommonJS dependencies; Node's ESM has none.
const REQUIRE_BANNER = "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);";

/** What every Lambda function gets besides its contract variables. */
export const LAMBDA_RUNTIME_ENV: Readonly<Record<string, string>> = { NODE_OPTIONS: '--enable-source-maps' };

// Used only when this stack is excluded from bundling (tests, `cdk synth --exclusively` of
// another stack): such a template is never deployed, and entry files need not exist yet.
const UNBUNDLED_PLACEHOLDER = Code.fromInline('export const handler = async () => { throw new Error("not bundled"); };');

export class ServiceFunction extends Construct {
  readonly fn: NodejsFunction;
  readonly role: Role;
  private identityBound = false;

  constructor(scope: Construct, id: string, props: ServiceFunctionProps) {
    super(scope, id);
    const { spec } = props;
    const logGroup = new LogGroup(this, 'Logs', {
      retention: props.retain ? RetentionDays.ONE_YEAR : RetentionDays.ONE_MONTH,
      removalPolicy: props.retain ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
    // Our own role instead of the default one: the default attaches the AWS-managed
    // AWSLambdaBasicExecutionRole, which may write to every log group in the account.
    this.role = new Role(this, 'Role', { assumedBy: new ServicePrincipal('lambda.amazonaws.com') });
    logGroup.grantWrite(this.role);

    const bundled = Stack.of(this).bundlingRequired;
    this.fn = new NodejsFunction(this, 'Function', {
      description: spec.description,
      runtime: Runtime.NODEJS_22_X,
      architecture: Architecture.ARM_64,
      memorySize: spec.memoryMb,
      timeout: Duration.seconds(spec.timeoutSeconds),
      role: this.role,
      logGroup,
      tracing: Tracing.ACTIVE,
      // NODE_OPTIONS is Lambda's Node runtime setting, not a binding; the rest is the contract's.
      environment: { ...LAMBDA_RUNTIME_ENV, ...props.environment },
      ...(bundled
        ? {
            entry: `${REPO_ROOT}${spec.entry}`,
            handler: 'handler',
            projectRoot: REPO_ROOT,
            depsLockFilePath: `${REPO_ROOT}package-lock.json`,
            bundling: {
              format: OutputFormat.ESM,
              target: 'node22',
              mainFields: ['module', 'main'],
              minify: true,
              sourceMap: true,
              sourcesContent: false,
              externalModules: ['@aws-sdk/*'],
              banner: REQUIRE_BANNER,
            },
          }
        : { code: UNBUNDLED_PLACEHOLDER, handler: 'index.handler' }),
    });

    Validations.of(this.fn).acknowledge({
      id: 'AwsSolutions-L1',
      reason:
        'Runtime is pinned to Node.js 22 (DESIGN rule 8): the code is built and tested for it; moving to a newer runtime is a deliberate upgrade, not a side effect of a CDK bump.',
    });
    Validations.of(this.role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        "Only actions without resource-level permissions are granted on '*': xray:PutTraceSegments/PutTelemetryRecords (active tracing) and, for stream consumers, dynamodb:ListStreams. test/infra asserts no other action gets '*'.",
    });
  }

  /**
   * Grants least-privilege data access to a manifest table (its name reaches the function in
   * TABLE_*): the binding's actions on the table and on its indexes by name. On the tenant-data
   * table the function's own role reaches only the platform directory; tenant items need the
   * tenant role (bindTenantRole).
   */
  bindTable(bound: ManifestTable, access: TableAccess): void {
    const indexes = bound.spec.globalIndexes.map((index) => index.name);
    this.role.addToPrincipalPolicy(tableStatements(bound.table.tableArn, access, indexes, bound.spec.tenantData ? PLATFORM_LEADING_KEYS : undefined));
  }

  /** Lets the function assume the tenant data role (with session tags); its ARN is in TENANT_ROLE_ARN. */
  bindTenantRole(roleArn: string): void {
    this.role.addToPrincipalPolicy(new PolicyStatement({ actions: ['sts:AssumeRole', 'sts:TagSession'], resources: [roleArn] }));
  }

  /** Lets signup check that a silo tenant's table exists (it is deployed from infra/stages.ts). */
  bindSiloProvisioning(siloTablePrefix: string): void {
    const tables = Stack.of(this).formatArn({ service: 'dynamodb', resource: 'table', resourceName: `${siloTablePrefix}*` });
    this.role.addToPrincipalPolicy(new PolicyStatement({ actions: ['dynamodb:DescribeTable'], resources: [tables] }));
    Validations.of(this.role).acknowledge({
      id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:dynamodb:<AWS::Region>:<AWS::AccountId>:table/${siloTablePrefix}*]`,
      reason: 'Signup checks that the silo table of the slug signing up exists; silo tables share this name prefix and DescribeTable reads no items.',
    });
  }

  /** Grants send on a manifest queue (its URL reaches the function in QUEUE_*_URL). */
  bindQueue(bound: ManifestQueue, access: QueueAccess): void {
    if (access === 'send') bound.queue.grantSendMessages(this.fn);
  }

  /**
   * Grants the Cognito calls of `actions` on the user pool only (the pool's ids reach the
   * function in USER_POOL_ID and USER_POOL_CLIENT_ID). Nothing at all for an empty list, so a
   * function without identity bindings never references the pool (Cognito trigger functions must not).
   */
  bindIdentity(identity: Identity, actions: readonly IdentityAction[]): void {
    if (actions.length === 0) return;
    identity.userPool.grant(this.fn, ...new Set(actions.flatMap((a) => IDENTITY_ACTIONS[a])));
    this.identityBound = true;
  }

  /** Whether this function references the user pool (env or grants). */
  get referencesIdentity(): boolean {
    return this.identityBound;
  }

  /**
   * Grants the IoT registry calls of `actions`. Terminals' things are named `trm_...`, so the
   * grant covers those things only; certificates have no name to fence them by.
   */
  bindIot(actions: readonly IotAction[]): void {
    if (actions.length === 0) return;
    // Each binding's calls, on terminal things and on certificates (domain/terminals/device-registry.ts).
    const calls: Record<IotAction, { things: string[]; certificates: string[] }> = {
      removeThings: { things: ['iot:ListThingPrincipals', 'iot:DetachThingPrincipal', 'iot:DeleteThing'], certificates: ['iot:UpdateCertificate'] },
      revokeCertificates: { things: ['iot:DetachThingPrincipal'], certificates: ['iot:UpdateCertificate'] },
    };
    const of = (kind: 'things' | 'certificates') => [...new Set(actions.flatMap((a) => calls[a][kind]))];
    const stack = Stack.of(this);
    const things = stack.formatArn({ service: 'iot', resource: 'thing', resourceName: `${ID_PREFIXES.terminal}_*` });
    const certificates = stack.formatArn({ service: 'iot', resource: 'cert', resourceName: '*' });
    this.role.addToPrincipalPolicy(new PolicyStatement({ actions: of('things'), resources: [things] }));
    this.role.addToPrincipalPolicy(new PolicyStatement({ actions: of('certificates'), resources: [certificates] }));
    Validations.of(this.role).acknowledge({
      id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:iot:<AWS::Region>:<AWS::AccountId>:thing/${ID_PREFIXES.terminal}_*]`,
      reason: 'Removing terminals or retiring their certificates: every terminal thing is named trm_<ULID>, and the function touches no other thing.',
    });
    Validations.of(this.role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:iot:<AWS::Region>:<AWS::AccountId>:cert/*]',
      reason: "Revoking a terminal's certificates on removal or when a registration retry replaces one: their ids are known only then, and IoT certificates have no name to fence by.",
    });
  }

  /** Grants GenerateMac on a manifest `mac` key (its ARN reaches the function in MAC_KMS_KEY_ID). */
  bindMacKey(bound: ManifestKey): void {
    if (this.macKeyBound) return;
    bound.key.grant(this.fn, 'kms:GenerateMac');
    this.macKeyBound = true;
  }
  private macKeyBound = false;

  /** Grants encrypt (and decrypt) on a manifest key (its ARN reaches the function in KMS_KEY_ID). */
  bindKey(bound: ManifestKey, access: KeyAccess): void {
    // Exact actions: the cipher calls Encrypt and Decrypt on small fields, never data-key or
    // re-encrypt APIs, which the CDK's grantEncrypt* helpers would also allow (with wildcards).
    bound.key.grant(this.fn, ...KEY_ACTIONS[access]);
  }
}
