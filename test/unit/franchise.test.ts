// The pure parts of franchise onboarding: masking, codes, the cipher, state transitions, parsing.
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { maskAccountNo } from '../../domain/franchise/masking.ts';
import { hashInvitationCode, isUsable, newInvitationCode } from '../../domain/franchise/codes.ts';
import { transition } from '../../domain/franchise/application-state.ts';
import { createLocalCipher } from '../../domain/shared/crypto/local-cipher.ts';
import { cipherFromEnv } from '../../domain/shared/crypto/cipher-from-env.ts';
import { NewApplication } from '../../tenants/franchise/application-request.ts';
import { franchiseStoreCode } from '../../tenants/franchise/approve-application.ts';

const key = () => randomBytes(32).toString('base64');

describe('account masking', () => {
  it('shows the last four digits only', () => {
    expect(maskAccountNo('6222021234567890123')).toBe('****0123');
    expect(maskAccountNo('12345678')).toBe('****5678');
  });
});

describe('invitation codes', () => {
  it('are 192 random bits in base64url, different every time', () => {
    const codes = new Set(Array.from({ length: 1000 }, newInvitationCode));
    expect(codes.size).toBe(1000);
    for (const c of [...codes].slice(0, 10)) expect(c).toMatch(/^[A-Za-z0-9_-]{32}$/);
  });

  it('are stored as their sha-256 in hex, which does not contain the code', () => {
    const code = newInvitationCode();
    expect(hashInvitationCode(code)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashInvitationCode(code)).toBe(hashInvitationCode(code));
    expect(hashInvitationCode(code)).not.toBe(hashInvitationCode(`${code}x`));
    expect(hashInvitationCode('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('are usable while open and before they expire', () => {
    const now = new Date('2026-03-01T00:00:00.000Z');
    expect(isUsable({ status: 'open', validUntil: '2026-03-01T00:00:00.001Z' }, now)).toBe(true);
    expect(isUsable({ status: 'open', validUntil: '2026-03-01T00:00:00.000Z' }, now)).toBe(false);
    expect(isUsable({ status: 'used', validUntil: '2027-01-01T00:00:00.000Z' }, now)).toBe(false);
  });
});

describe('local cipher', () => {
  const context = { tenantId: 'ten_1', record: 'franchiseApplication/app_1', field: 'accountNo' };

  it('round-trips, with a fresh IV each time', async () => {
    const cipher = createLocalCipher(key());
    const a = await cipher.encrypt('6222021234567890123', context);
    const b = await cipher.encrypt('6222021234567890123', context);
    expect(a).not.toBe(b);
    expect(a).not.toContain('6222');
    expect(await cipher.decrypt(a, { ...context })).toBe('6222021234567890123');
  });

  it('refuses another context, another key and a tampered ciphertext', async () => {
    const k = key();
    const cipher = createLocalCipher(k);
    const sealed = await cipher.encrypt('secret', context);
    await expect(cipher.decrypt(sealed, { ...context, tenantId: 'ten_2' })).rejects.toThrow(/could not be decrypted/);
    await expect(createLocalCipher(key()).decrypt(sealed, context)).rejects.toThrow(/could not be decrypted/);
    const [p, iv, tag, body] = sealed.split('.');
    const flipped = Buffer.from(body!, 'base64url');
    flipped[0]! ^= 1;
    await expect(cipher.decrypt([p, iv, tag, flipped.toString('base64url')].join('.'), context)).rejects.toThrow(/could not be decrypted/);
    await expect(cipher.decrypt('kms1.abc', context)).rejects.toThrow(/could not be decrypted/);
  });

  it('needs a 32-byte key, and the environment names exactly one cipher', () => {
    expect(() => createLocalCipher(randomBytes(16).toString('base64'))).toThrow(/32 bytes/);
    expect(() => cipherFromEnv({})).toThrow(/exactly one/);
    expect(() => cipherFromEnv({ ACCOUNT_DATA_KEY: key(), KMS_KEY_ID: 'alias/x' })).toThrow(/exactly one/);
    expect(cipherFromEnv({ ACCOUNT_DATA_KEY: key() })).toHaveProperty('encrypt');
    expect(cipherFromEnv({ KMS_KEY_ID: 'alias/storefleet-accounts' })).toHaveProperty('decrypt');
  });
});

describe('application state', () => {
  it('moves submitted -> approving -> approved, or submitted -> rejected, and back on undo', () => {
    expect(transition('submitted', 'approve')).toEqual({ from: 'submitted', to: 'approving' });
    expect(transition('approving', 'complete')).toEqual({ from: 'approving', to: 'approved' });
    expect(transition('approving', 'undo')).toEqual({ from: 'approving', to: 'submitted' });
    expect(transition('submitted', 'reject')).toEqual({ from: 'submitted', to: 'rejected' });
  });

  it('refuses everything else with invalid_state', () => {
    for (const status of ['approving', 'approved', 'rejected'] as const) {
      expect(() => transition(status, 'approve')).toThrow(expect.objectContaining({ code: 'invalid_state' }));
      expect(() => transition(status, 'reject')).toThrow(expect.objectContaining({ code: 'invalid_state' }));
    }
    expect(() => transition('submitted', 'complete')).toThrow(expect.objectContaining({ code: 'invalid_state' }));
  });
});

describe('application request', () => {
  const body = {
    code: 'c'.repeat(32),
    applicant: { legalName: 'Xinyue Ltd', licenseNo: '91310115ma1h7abc3x', contactName: 'Li Wei', phone: '13812345678', email: 'Li@Example.com', password: 'Correct-horse-42' },
    store: { name: 'Pudong', address: '88 Century Avenue' },
    settlementAccount: { bankName: 'BoS', accountName: 'Xinyue Ltd', accountNo: '6222 0212-3456 7890 123' },
  };

  it('normalises the account number, licence and email', () => {
    const parsed = NewApplication.parse(body);
    expect(parsed.settlementAccount.accountNo).toBe('6222021234567890123');
    expect(parsed.applicant.licenseNo).toBe('91310115MA1H7ABC3X');
    expect(parsed.applicant.email).toBe('li@example.com');
  });

  it('applies the password policy', () => {
    expect(NewApplication.safeParse({ ...body, applicant: { ...body.applicant, password: 'alllowercase-123' } }).success).toBe(false);
  });

  it('derives a valid store code from the application id', () => {
    expect(franchiseStoreCode('app_01JC00000000000000ABCDEFGH')).toBe('FR-ABCDEFGH');
  });
});
