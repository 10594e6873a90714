// The local stand-ins for the manifest's KMS keys: one AES-256 key each, kept in .local/keys/
// when data persists (or ciphertexts written before a restart could not be read after it).
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const localKeys = (names: readonly string[], dir?: string): Record<string, string> =>
  Object.fromEntries(
    names.map((name) => {
      const file = dir ? join(dir, `${name}.key`) : undefined;
      if (file && existsSync(file)) return [name, readFileSync(file, 'utf8').trim()];
      const key = randomBytes(32).toString('base64');
      if (dir && file) {
        mkdirSync(dir, { recursive: true });
        writeFileSync(file, key, { mode: 0o600 });
      }
      return [name, key];
    }),
  );
