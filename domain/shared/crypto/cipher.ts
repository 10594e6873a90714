// Field-level encryption of secrets we must be able to read back (bank account numbers, an
// applicant's password until their login exists). A port: AES-256-GCM with a local key in the
// local cloud, AWS KMS in AWS. The encryption context binds a ciphertext to where it belongs
// (tenant, record, field), so a ciphertext copied onto another record does not decrypt.
export type EncryptionContext = Readonly<Record<string, string>>;

export type Cipher = {
  encrypt: (plaintext: string, context: EncryptionContext) => Promise<string>;
  decrypt: (ciphertext: string, context: EncryptionContext) => Promise<string>;
};

/** The context as one stable string (keys sorted), for use as AES-GCM additional data. */
export const canonicalContext = (context: EncryptionContext): string =>
  JSON.stringify(Object.keys(context).sort().map((k) => [k, context[k]]));

export class DecryptionError extends Error {
  constructor(cause?: unknown) {
    super('The ciphertext could not be decrypted with this key and context', { cause });
    this.name = 'DecryptionError';
  }
}
