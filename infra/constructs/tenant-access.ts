// Token vending for tenant data (AWS SaaS reference architecture): one role per access level that
// functions assume with the tenant's id and slug as session tags. Its policy reaches only items
// whose partition key begins with that tenant's id (dynamodb:LeadingKeys), the few platform
// directory items a tenant's own flows write, and the silo table named by its slug. A function's
// own role reaches only `platform#` keys, so tenant items are out of reach without vended
// credentials, whatever key the code builds. tenants/tenant-credentials.ts is the runtime half.
import { Stack, Validations } from 'aws-cdk-lib';
import type { CfnTable } from 'aws-cdk-lib/aws-dynamodb';
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

/** Statements for `access` to a table and its indexes, for keys matching `keys`. */
export const tableStatements = (tableArn: string, access: TableAccess, keys: readonly string[]): PolicyStatement =>
  new PolicyStatement({ actions: [...TABLE_ACTIONS[access]], resources: [tableArn, `${tableArn}/index/*`], conditions: leadingKeys(keys) });

export interface TenantAccessProps {
  readonly table: ManifestTable;
  /** Silo tables are named this prefix followed by the tenant's slug. */
  readonly siloTablePrefix: string;
  /** The function roles that may assume each level. */
  readonly assumers: Readonly<Record<TableAccess, readonly IRole[]>>;
}

export class TenantAccess extends Construct {
  readonly roles: Partial<Record<TableAccess, Role>> = {};

  constructor(scope: Construct, id: string, props: TenantAccessProps) {
    super(scope, id);
    const { tableArn } = props.table.table;
    const siloTableArn = Stack.of(this).formatArn({ service: 'dynamodb', resource: 'table', resourceName: `${props.siloTablePrefix}${tag(TENANT_TAGS.tenantSlug)}` });
    for (const access of ['read', 'readWrite'] as const) {
      const assumers = props.assumers[access];
      if (assumers.length === 0) continue;
      const role = new Role(this, access === 'read' ? 'Read' : 'ReadWrite', {
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
      role.addToPolicy(tableStatements(tableArn, access, TENANT_LEADING_KEYS));
      role.addToPolicy(new PolicyStatement({ actions: [...TABLE_ACTIONS[access]], resources: [siloTableArn, `${siloTableArn}/index/*`] }));
      const tableId = Stack.of(this).getLogicalId(props.table.table.node.defaultChild as CfnTable);
      Validations.of(role).acknowledge({
        id: `AwsSolutions-IAM5[Resource::<${tableId}.Arn>/index/*]`,
        reason: 'Queries on the GSIs of the shared tenant-data table; dynamodb:LeadingKeys limits them to keys of the tenant in the session tag.',
      });
      Validations.of(role).acknowledge({
        id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:dynamodb:<AWS::Region>:<AWS::AccountId>:table/${props.siloTablePrefix}<aws:PrincipalTag/${TENANT_TAGS.tenantSlug}>/index/*]`,
        reason: 'Queries on the GSIs of the one silo table named by the session tag; the wildcard is the index name under that table only.',
      });
      this.roles[access] = role;
    }
  }
}
