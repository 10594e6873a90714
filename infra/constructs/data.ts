// DynamoDB tables declared in the manifest. Names are left to CloudFormation (functions get them
// through TABLE_* env vars), so key or index changes never collide with a hand-picked name.
import { RemovalPolicy } from 'aws-cdk-lib';
import { AttributeType, BillingMode, StreamViewType, Table, TableEncryption } from 'aws-cdk-lib/aws-dynamodb';
import type { Attribute } from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';
import type { Manifest, TableSpec } from '../manifest-schema.ts';
import { pascal } from './naming.ts';

/** A deployed table together with the manifest entry it came from. */
export interface ManifestTable {
  readonly name: string;
  readonly spec: TableSpec;
  readonly table: Table;
}

export interface DataProps {
  readonly tables: Manifest['tables'];
  /** Keep tables (and refuse deletes) when the stack goes away: production data. */
  readonly retain: boolean;
}

const attribute = (key: TableSpec['partitionKey']): Attribute => ({
  name: key.name,
  type: key.type === 'S' ? AttributeType.STRING : AttributeType.NUMBER,
});

const streamView = {
  NEW_IMAGE: StreamViewType.NEW_IMAGE,
  OLD_IMAGE: StreamViewType.OLD_IMAGE,
  NEW_AND_OLD_IMAGES: StreamViewType.NEW_AND_OLD_IMAGES,
  KEYS_ONLY: StreamViewType.KEYS_ONLY,
} as const satisfies Record<NonNullable<TableSpec['stream']>, StreamViewType>;

/** One table of a manifest shape; `tableName` fixes the physical name (silo tables), else CloudFormation picks it. */
export const manifestTable = (scope: Construct, name: string, spec: TableSpec, options: { retain: boolean; tableName?: string }): ManifestTable => {
  const table = new Table(scope, pascal(name), {
    ...(options.tableName ? { tableName: options.tableName } : {}),
    partitionKey: attribute(spec.partitionKey),
    ...(spec.sortKey ? { sortKey: attribute(spec.sortKey) } : {}),
    billingMode: BillingMode.PAY_PER_REQUEST,
    pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
    // A KMS key in the account (aws/dynamodb) rather than an AWS-owned key, so key use is
    // visible in CloudTrail; no extra grants are needed for it.
    encryption: TableEncryption.AWS_MANAGED,
    ...(spec.stream ? { stream: streamView[spec.stream] } : {}),
    ...(spec.ttlAttribute ? { timeToLiveAttribute: spec.ttlAttribute } : {}),
    deletionProtection: options.retain,
    removalPolicy: options.retain ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
  });
  for (const gsi of spec.globalIndexes) {
    table.addGlobalSecondaryIndex({
      indexName: gsi.name,
      partitionKey: attribute(gsi.partitionKey),
      ...(gsi.sortKey ? { sortKey: attribute(gsi.sortKey) } : {}),
    });
  }
  return { name, spec, table };
};

export class Data extends Construct {
  readonly tables: Readonly<Record<string, ManifestTable>>;

  constructor(scope: Construct, id: string, props: DataProps) {
    super(scope, id);
    this.tables = Object.fromEntries(Object.entries(props.tables).map(([name, spec]) => [name, manifestTable(this, name, spec, { retain: props.retain })]));
  }

  /** The table a manifest name refers to; the manifest schema already checked it exists. */
  get(name: string): ManifestTable {
    const found = this.tables[name];
    if (!found) throw new Error(`table ${name} is not in the manifest`);
    return found;
  }
}
