// The Cognito user pool that issues the JWTs the HTTP API verifies. Users are created by the
// platform (tenant signup, POST /v1/users), never by self sign-up, so tenant claims are trusted.
// The username is our user id (`usr_…`): one email may be a user in several tenants, so email is
// an attribute only, never a sign-in alias. POST /v1/auth/token resolves tenant slug + email to
// the user id and signs in server-side (ADMIN_USER_PASSWORD_AUTH); a V2 pre-token-generation
// trigger copies the tenant claims into the access token the HTTP API's JWT authorizer checks.
import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import {
  AccountRecovery,
  ClientAttributes,
  FeaturePlan,
  LambdaVersion,
  Mfa,
  StandardThreatProtectionMode,
  StringAttribute,
  UserPool,
  UserPoolOperation,
} from 'aws-cdk-lib/aws-cognito';
import type { UserPoolClient } from 'aws-cdk-lib/aws-cognito';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import type { Trigger } from '../manifest-schema.ts';

export type CognitoEvent = Extract<Trigger, { type: 'cognito' }>['event'];

export interface IdentityProps {
  /** Keep the pool (and its users) when the stack goes away. */
  readonly retain: boolean;
}

/** Custom attributes; Cognito prefixes them with `custom:` in tokens. */
export const TENANT_ATTRIBUTES = { tenantId: 'tenantId', role: 'role', storeIds: 'storeIds' } as const;

export class Identity extends Construct {
  readonly userPool: UserPool;
  readonly client: UserPoolClient;
  /** Which manifest function handles each Cognito event (Cognito allows one per event). */
  private readonly triggers = new Map<CognitoEvent, string>();

  constructor(scope: Construct, id: string, props: IdentityProps) {
    super(scope, id);
    this.userPool = new UserPool(this, 'Users', {
      selfSignUpEnabled: false,
      // Username only (the CDK default): no email alias and no UsernameAttributes, since email is
      // unique per tenant, not per pool.
      signInAliases: { username: true },
      signInCaseSensitive: false,
      // Email stays the recovery channel (AccountRecovery.EMAIL_ONLY), so a changed address is
      // verified before it is trusted.
      autoVerify: { email: true },
      customAttributes: {
        // A user never changes tenant: a move is a new user, so the claim cannot be rewritten.
        [TENANT_ATTRIBUTES.tenantId]: new StringAttribute({ minLen: 1, maxLen: 64, mutable: false }),
        [TENANT_ATTRIBUTES.role]: new StringAttribute({ minLen: 1, maxLen: 32, mutable: true }),
        // Comma-separated store ids for store-scoped roles.
        [TENANT_ATTRIBUTES.storeIds]: new StringAttribute({ maxLen: 2048, mutable: true }),
      },
      passwordPolicy: {
        minLength: 12,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
      },
      mfa: Mfa.OPTIONAL,
      mfaSecondFactor: { otp: true, sms: false },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      // Plus brings threat protection (compromised credentials, adaptive auth) for accounts that
      // can move money.
      featurePlan: FeaturePlan.PLUS,
      standardThreatProtectionMode: StandardThreatProtectionMode.FULL_FUNCTION,
      deletionProtection: props.retain,
      removalPolicy: props.retain ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
    Validations.of(this.userPool).acknowledge({
      id: 'AwsSolutions-COG2',
      reason:
        'Cashiers and field engineers sign in on shared store POS terminals that carry no personal second factor, so MFA is OPTIONAL (TOTP) rather than REQUIRED; threat protection is ENFORCED instead.',
    });

    const standard = { email: true, emailVerified: true };
    this.client = this.userPool.addClient('Console', {
      generateSecret: false,
      // Only the issueToken function signs users in, with IAM credentials (AdminInitiateAuth):
      // no flow a browser could use directly against Cognito, hence no SRP and no plain password.
      authFlows: { adminUserPassword: true },
      // The pool has no hosted UI domain; without this the CDK would enable the implicit and
      // code grants with an example.com callback.
      disableOAuth: true,
      preventUserExistenceErrors: true,
      accessTokenValidity: Duration.hours(1),
      idTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.days(30),
      readAttributes: new ClientAttributes()
        .withStandardAttributes(standard)
        .withCustomAttributes(...Object.values(TENANT_ATTRIBUTES)),
      // Tenant, role and stores are set by the platform only; a user able to write them could
      // promote themselves or join another tenant.
      writeAttributes: new ClientAttributes().withStandardAttributes({ email: true }),
    });
  }

  /** Runs `fn` on a Cognito event; `name` is its manifest name, for errors only. */
  addTrigger(event: CognitoEvent, fn: IFunction, name: string): void {
    const taken = this.triggers.get(event);
    if (taken) throw new Error(`cognito trigger ${event}: declared by both ${taken} and ${name}; Cognito runs one function per event`);
    this.triggers.set(event, name);
    switch (event) {
      case 'preTokenGeneration':
        // V2 events can add claims to the access token (V1 reaches the id token only); V2 needs
        // the Essentials or Plus feature plan, which the pool has.
        this.userPool.addTrigger(UserPoolOperation.PRE_TOKEN_GENERATION_CONFIG, fn, LambdaVersion.V2_0);
        return;
    }
  }
}
