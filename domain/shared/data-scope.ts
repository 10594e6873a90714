// Where a use case's items live and with which credentials it reaches them. A pooled tenant's
// items sit in the shared table under keys that begin with its id; a silo tenant has a table of
// its own. The platform directory (slugs, invitation codes, rate counters: keys beginning with
// `platform#`) is always in the shared table. tenants/data-access.ts builds one per tenant.
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

export type DocumentClient = DynamoDBDocumentClient;

export type DataScope = Readonly<{
  /** The tenant's own items: the shared table for pooled tenants, its silo table otherwise. */
  tenantTable: string;
  /** The platform directory: always the shared table. */
  platformTable: string;
  /** Credentials limited to this tenant's keys (and the directory) where IAM allows it. */
  client: DocumentClient;
}>;
