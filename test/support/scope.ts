// A DataScope on the shared table for tests that call use cases directly. Imported lazily so the
// DynamoDB client is built after the test has pointed the SDK at the local engine.
import type { DataScope } from '../../domain/shared/data-scope.ts';

export const sharedScope = async (table: string | undefined): Promise<DataScope> => {
  if (!table) throw new Error('The local cloud has no main table');
  const { documentClient } = await import('../../domain/shared/dynamo.ts');
  return { tenantTable: table, platformTable: table, client: documentClient };
};
