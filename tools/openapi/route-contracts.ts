// Each HTTP route's declared contract (functions/middleware/http-handler.ts), read by importing its
// handler the way Lambda would, with an environment that binds what the manifest binds. Nothing is
// called: handlers only build clients at import, and no request is made.
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';
import type { Manifest } from '../../infra/manifest-schema.ts';
import { ACCESS_ENV_VAR, encodeAccess, queueEnvVar, tableEnvVar } from '../../infra/manifest-schema.ts';
import { IDENTITY_ENV, TENANT_DATA_ENV } from '../../domain/shared/bindings.ts';
import { CIPHER_ENV } from '../../domain/shared/crypto/cipher-from-env.ts';
import type { HttpContract } from '../../functions/middleware/http-handler.ts';

export type HttpRoute = { name: string; method: string; path: string; access: 'public' | 'signedIn' | readonly string[]; description: string; contract: HttpContract };

// Stand-ins for the names and ids the CDK would pass: they are read at import, never used.
const bindingsOf = (spec: Manifest['functions'][string]): Record<string, string> => ({
  AWS_REGION: 'us-east-1',
  ...Object.fromEntries(Object.keys(spec.bindings.tables).map((t) => [tableEnvVar(t), `docs-${t}`])),
  ...Object.fromEntries(Object.keys(spec.bindings.queues).map((q) => [queueEnvVar(q), `https://sqs.us-east-1.amazonaws.com/000000000000/docs-${q}`])),
  ...(spec.bindings.identity.length ? { [IDENTITY_ENV.provider]: 'cognito', [IDENTITY_ENV.userPoolId]: 'docs', [IDENTITY_ENV.userPoolClientId]: 'docs' } : {}),
  ...(Object.keys(spec.bindings.keys).length ? { [CIPHER_ENV.kmsKeyId]: 'docs' } : {}),
  [TENANT_DATA_ENV.siloTablePrefix]: 'docs-silo-',
  ...(spec.trigger.type === 'http' ? { [ACCESS_ENV_VAR]: encodeAccess(spec.trigger.access) } : {}),
});

export const loadRouteContracts = async (manifest: Manifest, rootDir: string): Promise<HttpRoute[]> => {
  const routes: HttpRoute[] = [];
  // One at a time: a handler reads its environment while it is imported.
  for (const [name, spec] of Object.entries(manifest.functions)) {
    if (spec.trigger.type !== 'http') continue;
    const saved = { ...process.env };
    Object.assign(process.env, bindingsOf(spec));
    try {
      const module = (await import(pathToFileURL(resolve(rootDir, spec.entry)).href)) as { handler?: { contract?: HttpContract } };
      const contract = module.handler?.contract;
      if (!contract) throw new Error(`${spec.entry}: its handler is not built with httpHandler, so it declares no contract`);
      const { method, path, access } = spec.trigger;
      routes.push({ name, method, path, access, description: spec.description, contract });
    } finally {
      for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
      Object.assign(process.env, saved);
    }
  }
  return routes;
};
