import { describe, expect, it } from 'vitest';
import { tenantContextFromClaims } from '../../tenants/tenant-context.ts';
import { hashPassword, paramsForStage, verifyPassword } from '../../tenants/passwords.ts';
import { SignupInput } from '../../tenants/signup.ts';

const TENANT = 'ten_01JC0000000000000000000000';

describe('tenant context from claims', () => {
  it('accepts list claims as arrays, API Gateway "[a b]" strings and Cognito "a,b" strings', () => {
    const base = { sub: 'usr_1', tenantId: TENANT, role: 'store_manager' };
    expect(tenantContextFromClaims({ ...base, storeIds: ['sto_1', 'sto_2'] }).storeIds).toEqual(['sto_1', 'sto_2']);
    expect(tenantContextFromClaims({ ...base, storeIds: '[sto_1 sto_2]' }).storeIds).toEqual(['sto_1', 'sto_2']);
    expect(tenantContextFromClaims({ ...base, storeIds: 'sto_1,sto_2' }).storeIds).toEqual(['sto_1', 'sto_2']);
    expect(tenantContextFromClaims(base).storeIds).toEqual([]);
  });

  it('refuses claims without a well-formed tenant id or a known role', () => {
    expect(() => tenantContextFromClaims({ sub: 'u', tenantId: 'acme', role: 'hq_admin' })).toThrow(/tenant identity/);
    expect(() => tenantContextFromClaims({ sub: 'u', tenantId: TENANT, role: 'root' })).toThrow(/tenant identity/);
    expect(() => tenantContextFromClaims({ tenantId: TENANT, role: 'hq_admin' })).toThrow(/tenant identity/);
  });
});

describe('passwords', () => {
  it('verifies the password it hashed and nothing else, with a fresh salt each time', async () => {
    const a = await hashPassword('Correct-horse-42');
    const b = await hashPassword('Correct-horse-42');
    expect(a).not.toBe(b);
    expect(a).not.toContain('Correct-horse-42');
    expect(await verifyPassword('Correct-horse-42', a)).toBe(true);
    expect(await verifyPassword('correct-horse-42', a)).toBe(false);
    expect(await verifyPassword('Correct-horse-42', 'plain$text')).toBe(false);
  });

  it('keeps the parameters in the hash: a local-stage hash and a full-cost one both verify by their own', async () => {
    const [cheap, full] = [await hashPassword('Correct-horse-42', paramsForStage('test')), await hashPassword('Correct-horse-42', paramsForStage('prod'))];
    expect([cheap.split('$')[1], full.split('$')[1]]).toEqual([String(2 ** 10), String(2 ** 15)]);
    for (const h of [cheap, full]) expect([await verifyPassword('Correct-horse-42', h), await verifyPassword('Correct-horse-43', h)]).toEqual([true, false]);
  });
});

describe('signup input', () => {
  const valid = { name: ' Jiajia ', slug: 'jiajia-2', adminEmail: 'Admin@Jiajia.Example', adminPassword: 'Long-enough-pw1' };
  it('normalises name and email and defaults the tier', () => {
    expect(SignupInput.parse(valid)).toEqual({ ...valid, name: 'Jiajia', adminEmail: 'admin@jiajia.example', tier: 'pooled' });
  });
  it.each([['slug', 'Upper'], ['slug', '-edge'], ['slug', 'a'.repeat(41)], ['adminEmail', 'not-an-email'], ['adminPassword', 'short'], ['adminPassword', 'no-digits-or-caps'], ['tier', 'gold']])(
    'refuses %s = %s',
    (field, value) => {
      expect(SignupInput.safeParse({ ...valid, [field]: value }).success).toBe(false);
    },
  );
});
