// The AWS cipher: KMS Encrypt/Decrypt under KMS_KEY_ID with the encryption context, which KMS
// logs in CloudTrail and which key policies can condition on. The secrets are small (well under
// KMS's 4 KiB plaintext limit), so no data key is needed; the key never leaves KMS.
import { DecryptCommand, EncryptCommand, KMSClient } from '@aws-sdk/client-kms';
import { DecryptionError, type Cipher } from './cipher.ts';

const PREFIX = 'kms1';

export const createKmsCipher = (keyId: string, client = new KMSClient({})): Cipher => ({
  encrypt: async (plaintext, context) => {
    const out = await client.send(new EncryptCommand({ KeyId: keyId, Plaintext: Buffer.from(plaintext, 'utf8'), EncryptionContext: { ...context } }));
    if (!out.CiphertextBlob) throw new Error('KMS returned no ciphertext');
    return `${PREFIX}.${Buffer.from(out.CiphertextBlob).toString('base64url')}`;
  },
  decrypt: async (ciphertext, context) => {
    const [prefix, blob] = ciphertext.split('.');
    if (prefix !== PREFIX || !blob) throw new DecryptionError();
    // KeyId pins the key: a ciphertext made under any other key is refused rather than decrypted.
    const out = await client.send(new DecryptCommand({ KeyId: keyId, CiphertextBlob: Buffer.from(blob, 'base64url'), EncryptionContext: { ...context } }));
    if (!out.Plaintext) throw new DecryptionError();
    return Buffer.from(out.Plaintext).toString('utf8');
  },
});
