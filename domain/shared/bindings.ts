// How a function learns the physical names of what it is bound to. The CDK and the local cloud
// set these variables from the manifest; runtime code reads them through here only.

export const tableEnvVar = (table: string): string => `TABLE_${toEnvCase(table)}`;
export const queueEnvVar = (queue: string): string => `QUEUE_${toEnvCase(queue)}_URL`;
/** Carries an HTTP function's access rule: `public`, `signedIn` or a comma list of roles. */
export const ACCESS_ENV_VAR = 'HTTP_ACCESS';

const toEnvCase = (name: string): string => name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase();

const required = (variable: string): string => {
  const value = process.env[variable];
  if (!value) throw new Error(`Missing environment variable ${variable}: is the function bound to it in infra/manifest.ts?`);
  return value;
};

export const boundTable = (table: string): string => required(tableEnvVar(table));
export const boundQueueUrl = (queue: string): string => required(queueEnvVar(queue));
export const boundAccess = (): string => required(ACCESS_ENV_VAR);

/**
 * Identity bindings: IDENTITY_PROVIDER is `cognito` (with USER_POOL_ID and USER_POOL_CLIENT_ID)
 * in AWS and `local` (with the local IdP's IDP_* variables for `signIn`) in the local cloud.
 */
export const IDENTITY_ENV = {
  provider: 'IDENTITY_PROVIDER',
  userPoolId: 'USER_POOL_ID',
  userPoolClientId: 'USER_POOL_CLIENT_ID',
} as const;

/**
 * Tenant data bindings. SILO_TABLE_PREFIX names silo tenants' own tables (prefix + slug);
 * TENANT_ROLE_ARN, set in AWS only, is the role whose session-tagged credentials confine a
 * function to one tenant's keys; SILO_PROVISIONER_URL, set locally only, creates a silo table.
 */
export const TENANT_DATA_ENV = {
  siloTablePrefix: 'SILO_TABLE_PREFIX',
  tenantRoleArn: 'TENANT_ROLE_ARN',
  siloProvisionerUrl: 'SILO_PROVISIONER_URL',
} as const;

/** The physical name of a silo tenant's table; the CDK and the local cloud use the same rule. */
export const siloTableName = (prefix: string, slug: string): string => `${prefix}${slug}`;
export const siloTablePrefix = (service: string, stage: string): string => `${service}-${stage}-silo-`;
export const boundSiloTable = (slug: string): string => siloTableName(required(TENANT_DATA_ENV.siloTablePrefix), slug);
