// Token vending, as in the AWS SaaS reference architecture: in AWS a function assumes the tenant
// data role with the tenant's id (and slug) as session tags, and the role's policy allows only
// keys that begin with `${aws:PrincipalTag/tenantId}` (and the silo table named by the slug). So
// even a bug that builds another tenant's key is refused by IAM, not just by our code.
// Without TENANT_ROLE_ARN (the local cloud, which has no IAM) the function's own client is used.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { fromTemporaryCredentials } from '@aws-sdk/credential-providers';
import { documentClient } from '../domain/shared/dynamo.ts';
import { documentClientOver } from '../domain/shared/document-client.ts';
import { TENANT_DATA_ENV } from '../domain/shared/bindings.ts';
import { runtimeEnv } from '../domain/shared/runtime-env.ts';
import type { DocumentClient } from '../domain/shared/data-scope.ts';
import type { TenantRoute } from './entities/tenant-directory.ts';

/** The session tags the tenant data role's policy reads (infra/constructs/tenant-access.ts). */
export const TENANT_TAGS = { tenantId: 'tenantId', tenantSlug: 'tenantSlug' } as const;

/** Vended credentials last 15 minutes (STS's minimum); the provider renews them before expiry. */
const SESSION_SECONDS = 900;

export const assumeRoleParams = (roleArn: string, route: TenantRoute) => ({
  RoleArn: roleArn,
  RoleSessionName: route.tenantId,
  DurationSeconds: SESSION_SECONDS,
  Tags: [
    { Key: TENANT_TAGS.tenantId, Value: route.tenantId },
    { Key: TENANT_TAGS.tenantSlug, Value: route.slug },
  ],
});

/** A client whose every call carries credentials confined to `route`'s tenant, or the function's own. */
export const tenantClient = (route: TenantRoute, roleArn = runtimeEnv()[TENANT_DATA_ENV.tenantRoleArn]): DocumentClient => {
  if (!roleArn) return documentClient;
  const credentials = fromTemporaryCredentials({ params: assumeRoleParams(roleArn, route) });
  return documentClientOver(new DynamoDBClient({ credentials }));
};
