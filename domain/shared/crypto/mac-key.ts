// Keyed hashing under a manifest `mac` key. In AWS the key is a KMS HMAC key that never leaves
// KMS: each function instance asks KMS once for the MAC of a fixed label and derives its working
// keys from that (HKDF), so a request costs no KMS call. Locally MAC_KEY holds the key itself.
// Either way the derived keys are the same in every instance, and unknown to whoever reads a table.
import { createHmac, hkdfSync } from 'node:crypto';
import { GenerateMacCommand, KMSClient } from '@aws-sdk/client-kms';
import { MAC_ENV } from '../function-env.ts';
import { runtimeEnv } from '../runtime-env.ts';

export { MAC_ENV } from '../function-env.ts';

const ROOT_LABEL = 'storefleet/mac-root/v1';

const rootOf = async (): Promise<Buffer> => {
  const env = runtimeEnv();
  const kmsKeyId = env[MAC_ENV.kmsKeyId];
  if (kmsKeyId) {
    const out = await new KMSClient({}).send(new GenerateMacCommand({ KeyId: kmsKeyId, MacAlgorithm: 'HMAC_SHA_256', Message: Buffer.from(ROOT_LABEL) }));
    if (!out.Mac) throw new Error('KMS returned no MAC');
    return Buffer.from(out.Mac);
  }
  const local = env[MAC_ENV.localKey];
  if (!local) throw new Error(`Set ${MAC_ENV.kmsKeyId} (AWS) or ${MAC_ENV.localKey} (local cloud): is the function bound to a table with a macKey in infra/manifest.ts?`);
  return createHmac('sha256', Buffer.from(local, 'base64')).update(ROOT_LABEL).digest();
};

let root: Promise<Buffer> | undefined;

/** A 32-byte key for one purpose ("idempotency-record", ...), derived from the bound mac key. */
export const derivedKey = async (purpose: string): Promise<Buffer> => {
  root ??= rootOf().catch((error: unknown) => {
    root = undefined; // a failed KMS call is retried by the next request, not cached
    throw error;
  });
  return Buffer.from(hkdfSync('sha256', await root, Buffer.alloc(0), purpose, 32));
};
