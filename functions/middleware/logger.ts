// One Powertools logger per function instance; keys about the caller are reset per invocation.
import { Logger } from '@aws-lambda-powertools/logger';
import { BASE_ENV } from '../../domain/shared/function-env.ts';
import { runtimeEnv } from '../../domain/shared/runtime-env.ts';

export const logger = new Logger({ serviceName: runtimeEnv()[BASE_ENV.serviceName] });
