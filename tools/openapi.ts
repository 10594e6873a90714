// `npm run openapi`: writes docs/openapi.json, the API reference, from the manifest and the routes'
// zod schemas (tools/openapi/). `--check` exits 1 when the committed file is not current.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { manifest } from '../infra/manifest.ts';
import { loadRouteContracts } from './openapi/route-contracts.ts';
import { openApiDocument } from './openapi/openapi-document.ts';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const root = fileURLToPath(new URL('..', import.meta.url));
const target = join(root, 'docs', 'openapi.json');

const text = `${JSON.stringify(openApiDocument(await loadRouteContracts(manifest, root)), null, 2)}\n`;
if (process.argv.includes('--check')) {
  const current = readFileSync(target, 'utf8') === text;
  console.log(current ? 'docs/openapi.json is current' : 'docs/openapi.json is out of date: run npm run openapi');
  process.exit(current ? 0 : 1);
}
writeFileSync(target, text);
console.log(`Wrote ${target}`);
