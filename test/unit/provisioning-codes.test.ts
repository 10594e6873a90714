// Provisioning codes are keyed in by hand on a till: whatever way an engineer types a code (case,
// dashes, spaces, O for 0, I or L for 1) it hashes to the same value, and nothing else does.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hashProvisioningCode, isWellFormedProvisioningCode, newProvisioningCode, normaliseProvisioningCode } from '../../domain/terminals/provisioning-codes.ts';
import { presenceOrder } from '../../iot/lifecycle-events.ts';

const typedAs = (code: string, variant: { lower: boolean; dashes: boolean; lookalikes: boolean }) => {
  let typed = variant.dashes ? code : code.replace(/-/g, ' ');
  if (variant.lookalikes) typed = typed.replace(/0/g, 'O').replace(/1/g, 'l');
  return variant.lower ? typed.toLowerCase() : typed;
};

describe('provisioning codes', () => {
  it('are three groups of four Crockford base32 symbols, and fresh each time', () => {
    const codes = Array.from({ length: 2_000 }, newProvisioningCode);
    for (const code of codes) expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
    expect(new Set(codes).size).toBe(codes.length);
  });

  it('hash the same however they are typed', () => {
    fc.assert(
      fc.property(fc.record({ lower: fc.boolean(), dashes: fc.boolean(), lookalikes: fc.boolean() }), (variant) => {
        const code = newProvisioningCode();
        const typed = typedAs(code, variant);
        expect(isWellFormedProvisioningCode(typed)).toBe(true);
        expect(hashProvisioningCode(typed)).toBe(hashProvisioningCode(code));
      }),
    );
  });

  it('differ in hash when one symbol differs, and refuse what is not a code', () => {
    const code = normaliseProvisioningCode(newProvisioningCode());
    const other = `${code.slice(0, 5)}${code[5] === 'Z' ? 'Y' : 'Z'}${code.slice(6)}`;
    expect(hashProvisioningCode(other)).not.toBe(hashProvisioningCode(code));
    for (const bad of ['', 'ABCD-EFGH-JK', 'ABCD-EFGH-JKMNP', 'ABCD-EFGH-JKU1', 'ABCD-EFGH-JK!1']) expect(isWellFormedProvisioningCode(bad), bad).toBe(false);
  });
});

describe('presence order', () => {
  it('puts every connection after the one before it, and its disconnect after its connect', () => {
    fc.assert(
      fc.property(fc.nat(1e12), fc.integer({ min: 1, max: 1e6 }), (version, later) => {
        const connect = presenceOrder({ versionNumber: version, eventType: 'connected' });
        const disconnect = presenceOrder({ versionNumber: version, eventType: 'disconnected' });
        expect(disconnect).toBeGreaterThan(connect);
        expect(presenceOrder({ versionNumber: version + later, eventType: 'connected' })).toBeGreaterThan(disconnect);
      }),
    );
  });
});
