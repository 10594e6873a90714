// The local cloud's cipher: AES-256-GCM with a 32-byte key given base64 in ACCOUNT_DATA_KEY.
// Stored form `local1.<iv>.<tag>.<ciphertext>` (base64url), so a KMS ciphertext is never
// mistaken for a local one.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { canonicalContext, DecryptionError, type Cipher } from './cipher.ts';

const PREFIX = 'local1';

export const createLocalCipher = (base64Key: string): Cipher => {
  const key = Buffer.from(base64Key, 'base64');
  if (key.length !== 32) throw new Error('ACCOUNT_DATA_KEY must be 32 bytes, base64-encoded');
  return {
    encrypt: async (plaintext, context) => {
      // A fresh 96-bit IV per message: GCM's security rests on never reusing one under a key.
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      cipher.setAAD(Buffer.from(canonicalContext(context)));
      const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      return [PREFIX, iv, cipher.getAuthTag(), body].map((p) => (typeof p === 'string' ? p : p.toString('base64url'))).join('.');
    },
    decrypt: async (ciphertext, context) => {
      const [prefix, iv, tag, body] = ciphertext.split('.');
      if (prefix !== PREFIX || !iv || !tag || body === undefined) throw new DecryptionError();
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
        decipher.setAAD(Buffer.from(canonicalContext(context)));
        decipher.setAuthTag(Buffer.from(tag, 'base64url'));
        return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
      } catch (error) {
        throw new DecryptionError(error);
      }
    },
  };
};
