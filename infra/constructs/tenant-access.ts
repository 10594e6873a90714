// Token vending for tenant data (AWS SaaS reference architecture): one role per access level that
// functions assume with the tenant's id and slug as session tags. Its policy reaches only items
// whose partition key begins with that tenant's id (dynamodb:LeadingKeys), the few platform
// directory items a tenant's own flows write, and the silo table named by its slug. A function's
// own role reaches only `platform#` keys, so tenant items are out of reach without vended
// credentials, whatever key the code builds. tenants/tenant-credentials.ts is the runtime half.
//
// The roles have fixed names, and functions get their ARNs from those names (tenantRoleArn), not
// from the roles: a role trusts the function roles that assume it, which live in the nested stacks
// of functions, so a reference the other way would make the stage's stack and those nested
// stacks depend on each other.
import { Arn, Aws, Stack } from 'aws-cdk-lib';
import { CompositePrincipal, PolicyStatement, Role, type IRole } from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import type { ManifestTable } from './data.ts';
import { TENANT_TAGS } from '../../tenants/tenant-credentials.ts';

export type TableAccess = 'read' | 'readWrite';

const READ = ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query', 'dynamodb:ConditionCheckItem'];
export const TABLE_ACTIONS: Readonly<Record<TableAccess, readonly string[]>> = {
  read: READ,
  readWrite: [...READ, 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem'],
};

const tag = (key: string) => `\${aws:PrincipalTag/${key}}`;

/**
 * Keys a tenant's credentials may lead with: its own items, its directory entry, and the
 * platform lookups its own flows create (a claimed slug at signup, an invitation code when HQ
 * invites a franchisee, a provisioning code a terminal registers with, a terminal's thing). The rest of `platform#` (rate counters, attempt counters) belongs to the
 * functions' own roles.
 */
export const TENANT_LEADING_KEYS = [
  `${tag(TENANT_TAGS.tenantId)}#*`,
  `platform#tenant#${tag(TENANT_TAGS.tenantId)}`,
  'platform#slug#*',
  'platform#invitation#*',
  'platform#provisioning-code#*',
  'platform#terminal#*',
];
/** Keys a function's own role may lead with: the platform directory only. */
export const PLATFORM_LEADING_KEYS = ['platform#*'];

export const leadingKeys = (keys: readonly string[]) => ({ 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': [...keys] } });

/**
 * The statement for `access` to a table and its indexes, named one by one (no `index/*`), for
 * keys matching `keys` when given.
 */
export const tableStatements = (tableArn: string, access: TableAccess, indexes: readonly string[], keys?: readonly string[]): PolicyStatement =>
  new PolicyStatement({
    actions: [...TABLE_ACTIONS[access]],
    resources: [tableArn, ...indexes.map((index) => `${tableArn}/index/${index}`)],
    ...(keys ? { conditions: leadingKeys(keys) } : {}),
  });

// The longest region name today (ap-southeast-5, eusc-de-east-1, ...): role names carry the
// region, since IAM names are account-wide and a stage may be deployed in two regions.
const LONGEST_REGION = 14;
const ROLE_NAME_MAX = 64;

/** The tenant data role of `level` in stage `namePrefix` (`<service>-<stage>`), in this region. */
export const tenantRoleName = (namePrefix: string, level: TableAccess): string => {
  const fixed = `${namePrefix}-tenant-${level}-`;
  if (fixed.length + LONGEST_REGION > ROLE_NAME_MAX) throw new Error(`tenant role name ${fixed}<region> may be longer than IAM's ${ROLE_NAME_MAX} characters`);
  return `${fixed}${Aws.REGION}`;
};

/** The ARN of that role, built from its name: valid in any stack of the stage, referencing none. */
export const tenantRoleArn = (namePrefix: string, level: TableAccess): string =>
  Arn.format({ partition: Aws.PARTITION, service: 'iam', region: '', account: Aws.ACCOUNT_ID, resource: 'role', resourceName: tenantRoleName(namePrefix, level) });

export interface TenantAccessProps {
  readonly table: ManifestTable;
  /** Silo tables are named this prefix followed by the tenant's slug. */
  readonly siloTablePrefix: string;
  /** `<service>-<stage>`, the start of the roles' names. */
  readonly namePrefix: string;
  /** The function roles that may assume each level. */
  readonly assumers: Readonly<Record<TableAccess, readonly IRole[]>>;
}

export class TenantAccess extends Construct {
  readonly roles: Partial<Record<TableAccess, Role>> = {};

  constructor(scope: Construct, id: string, props: TenantAccessProps) {
    super(scope, id);
    const { tableArn } = props.table.table;
    const indexes = props.table.spec.globalIndexes.map((index) => index.name);
    const siloTableArn = Stack.of(this).formatArn({ service: 'dynamodb', resource: 'table', resourceName: `${props.siloTablePrefix}${tag(TENANT_TAGS.tenantSlug)}` });
    for (const access of ['read', 'readWrite'] as const) {
      const assumers = props.assumers[access];
      if (assumers.length === 0) continue;
      const role = new Role(this, access === 'read' ? 'Read' : 'ReadWrite', {
        roleName: tenantRoleName(props.namePrefix, access),
        description: `Tenant-scoped ${access} access to tenant data; assumed with tenantId and tenantSlug session tags`,
        assumedBy: new CompositePrincipal(...assumers),
      });
      // Tagging the session is what scopes it, so a session without a tenant id cannot start.
      role.assumeRolePolicy?.addStatements(
        new PolicyStatement({
          actions: ['sts:TagSession'],
          principals: [...assumers],
          conditions: { StringLike: { [`aws:RequestTag/${TENANT_TAGS.tenantId}`]: 'ten_*', [`aws:RequestTag/${TENANT_TAGS.tenantSlug}`]: '*' } },
        }),
      );
      role.addToPolicy(tableStatements(tableArn, access, indexes, TENANT_LEADING_KEYS));
      // Silo tables have the shared table's shape (infra/stacks/silo-tenant-stack.ts), indexes included.
      role.addToPolicy(tableStatements(siloTableArn, access, indexes));
      this.roles[access] = role;
    }
  }
}
