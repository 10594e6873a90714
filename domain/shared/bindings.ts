// How a function learns the physical names of what it is bound to. Which variables it gets is the
// contract's to say (domain/shared/function-env.ts, used by the CDK, the local cloud and the
// OpenAPI tool); runtime code reads them through here, from the parsed environment.
import { ACCESS_ENV_VAR, queueEnvVar, tableEnvVar, TENANT_DATA_ENV } from './function-env.ts';
import { missingVariable, runtimeEnv } from './runtime-env.ts';

export { ACCESS_ENV_VAR, IDENTITY_ENV, queueEnvVar, tableEnvVar, TENANT_DATA_ENV } from './function-env.ts';

const present = (variable: string, value: string | undefined): string => {
  if (!value) throw missingVariable(variable);
  return value;
};

export const boundTable = (table: string): string => present(tableEnvVar(table), runtimeEnv().tables[tableEnvVar(table)]);
export const boundQueueUrl = (queue: string): string => present(queueEnvVar(queue), runtimeEnv().queues[queueEnvVar(queue)]);
export const boundAccess = (): string => present(ACCESS_ENV_VAR, runtimeEnv()[ACCESS_ENV_VAR]);

/** The physical name of a silo tenant's table; the CDK and the local cloud use the same rule. */
export const siloTableName = (prefix: string, slug: string): string => `${prefix}${slug}`;
export const siloTablePrefix = (service: string, stage: string): string => `${service}-${stage}-silo-`;
export const boundSiloTable = (slug: string): string =>
  siloTableName(present(TENANT_DATA_ENV.siloTablePrefix, runtimeEnv()[TENANT_DATA_ENV.siloTablePrefix]), slug);
