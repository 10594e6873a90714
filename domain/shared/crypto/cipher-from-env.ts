// Chooses the cipher once per function instance: KMS when KMS_KEY_ID is set (AWS), the local
// AES-GCM key when ACCOUNT_DATA_KEY is (local cloud). Both set is a misconfiguration.
import { z } from 'zod';
import type { Cipher } from './cipher.ts';
import { createKmsCipher } from './kms-cipher.ts';
import { createLocalCipher } from './local-cipher.ts';
import { CIPHER_ENV } from '../function-env.ts';
import { parseRuntimeEnv, runtimeEnv, type RawEnv } from '../runtime-env.ts';

export { CIPHER_ENV } from '../function-env.ts';

const CipherConfig = z
  .object({ [CIPHER_ENV.kmsKeyId]: z.string().min(1).optional(), [CIPHER_ENV.localKey]: z.string().min(1).optional() })
  .refine((c) => Boolean(c[CIPHER_ENV.kmsKeyId]) !== Boolean(c[CIPHER_ENV.localKey]), {
    message: `Set exactly one of ${CIPHER_ENV.kmsKeyId} (AWS) or ${CIPHER_ENV.localKey} (local cloud): is the function bound to the account key in infra/manifest.ts?`,
  });

/** From the function's parsed environment, or from `env` (tests). */
export const cipherFromEnv = (env?: RawEnv): Cipher => {
  const parsed = env ? parseRuntimeEnv(env) : runtimeEnv();
  const config = CipherConfig.parse({ [CIPHER_ENV.kmsKeyId]: parsed[CIPHER_ENV.kmsKeyId], [CIPHER_ENV.localKey]: parsed[CIPHER_ENV.localKey] });
  const kmsKeyId = config[CIPHER_ENV.kmsKeyId];
  return kmsKeyId ? createKmsCipher(kmsKeyId) : createLocalCipher(config[CIPHER_ENV.localKey]!);
};
