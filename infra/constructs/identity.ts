// The Cognito user pool that issues the JWTs the HTTP API verifies. Users are created by the
// platform (tenant signup, POST /v1/users), never by self sign-up, so tenant claims are trusted.
import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import {
  AccountRecovery,
  ClientAttributes,
  FeaturePlan,
  Mfa,
  StandardThreatProtectionMode,
  StringAttribute,
  UserPool,
} from 'aws-cdk-lib/aws-cognito';
import type { UserPoolClient } from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';

export interface IdentityProps {
  /** Keep the pool (and its users) when the stack goes away. */
  readonly retain: boolean;
}

/** Custom attributes; Cognito prefixes them with `custom:` in tokens. */
export const TENANT_ATTRIBUTES = { tenantId: 'tenantId', role: 'role', storeIds: 'storeIds' } as const;

export class Identity extends Construct {
  readonly userPool: UserPool;
  readonly client: UserPoolClient;

  constructor(scope: Construct, id: string, props: IdentityProps) {
    super(scope, id);
    this.userPool = new UserPool(this, 'Users', {
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      signInCaseSensitive: false,
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
      authFlows: { userSrp: true },
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
}
