// Each HTTP route's declared contract (functions/middleware/http-handler.ts), read by importing its
// handler the way Lambda would, with an environment that binds what the manifest binds. Nothing is
// called: handlers only build clients at import, and no request is made.
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';
import type { Manifest } from '../../infra/manifest-schema.ts';
import { functionEnvironment, type PlatformValues } from '../../domain/shared/function-env.ts';
import { resetRuntimeEnv } from '../../domain/shared/runtime-env.ts';
import type { HttpContract } from '../../functions/middleware/http-handler.ts';

export type HttpRoute = { name: string; method: string; path: string; access: 'public' | 'signedIn' | readonly string[]; description: string; contract: HttpContract };

// Stand-ins for the names and ids the CDK would pass: they are read at import, never used.
const DOCS_PLATFORM: PlatformValues = {
  stage: 'docs',
  table: (table) => `docs-${table}`,
  queueUrl: (queue) => `https://sqs.us-east-1.amazonaws.com/000000000000/docs-${queue}`,
  encryptionKey: () => ({ kmsKeyId: 'docs' }),
  macKey: () => ({ kmsKeyId: 'docs' }),
  identity: () => ({ provider: 'cognito', userPoolId: 'docs', userPoolClientId: 'docs' }),
  tenantData: { siloTablePrefix: 'docs-silo-', tenantRoleArn: () => 'arn:aws:iam::000000000000:role/docs-tenant-data' },
};

const bindingsOf = (manifest: Manifest, spec: Manifest['functions'][string]): Record<string, string> => ({
  AWS_REGION: 'us-east-1',
  ...functionEnvironment(manifest, spec, DOCS_PLATFORM),
});

export const loadRouteContracts = async (manifest: Manifest, rootDir: string): Promise<HttpRoute[]> => {
  const routes: HttpRoute[] = [];
  // One at a time: a handler reads its environment while it is imported.
  for (const [name, spec] of Object.entries(manifest.functions)) {
    if (spec.trigger.type !== 'http') continue;
    const saved = { ...process.env };
    Object.assign(process.env, bindingsOf(manifest, spec));
    resetRuntimeEnv();
    try {
      const module = (await import(pathToFileURL(resolve(rootDir, spec.entry)).href)) as { handler?: { contract?: HttpContract } };
      const contract = module.handler?.contract;
      if (!contract) throw new Error(`${spec.entry}: its handler is not built with httpHandler, so it declares no contract`);
      const { method, path, access } = spec.trigger;
      routes.push({ name, method, path, access, description: spec.description, contract });
    } finally {
      for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
      Object.assign(process.env, saved);
      resetRuntimeEnv();
    }
  }
  return routes;
};
