import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runs } from '../support/soak.ts';
import { z } from 'zod';
import { Barcode, barcodeKind, isValidBarcode, normalizeBarcode, withCheckDigit } from '../../domain/catalog/barcode.ts';

// Hand-checked: 4006381333931 is the textbook EAN-13 (4+0+0+18+3+24+1+9+3+9+9+9 = 89, so 1);
// 036000291452 is the textbook UPC-A; 96385074 and 73513537 are textbook EAN-8s;
// 6901028075831 is a real GS1 China (690) code.
const KNOWN = {
  ean13: ['4006381333931', '6901028075831', '6920000000012', '6950123456786'],
  upca: ['036000291452', '012345678905'],
  ean8: ['96385074', '73513537'],
} as const;

const digits = (length: number) => fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: length, maxLength: length });

describe('barcodeKind', () => {
  it.each(KNOWN.ean13)('reads %s as EAN-13', (code) => expect(barcodeKind(code)).toBe('ean13'));
  it.each(KNOWN.upca)('reads %s as UPC-A', (code) => expect(barcodeKind(code)).toBe('upca'));
  it.each(KNOWN.ean8)('reads %s as EAN-8', (code) => expect(barcodeKind(code)).toBe('ean8'));

  it.each([
    ['wrong check digit', '6901028075832'],
    ['wrong check digit (UPC-A)', '036000291453'],
    ['wrong check digit (EAN-8)', '96385075'],
    // Swaps of digits 5 apart (8 and 3) slip through mod-10 by design; this one differs by 2.
    ['adjacent digits swapped', '6901028057831'],
    ['14 digits (GTIN-14 is not sold at a till)', '16901028075838'],
    ['11 digits', '03600029145'],
    ['empty', ''],
    ['letters', '69010280758A1'],
    ['inner space', '690102807 5831'],
    ['full-width digits', '６９０１０２８０７５８３１'],
    ['sign', '+96385074'],
  ])('refuses %s', (_why, code) => {
    expect(barcodeKind(code)).toBeNull();
    expect(isValidBarcode(code)).toBe(false);
  });

  it('lets a swap of two digits 5 apart through, as GS1 mod-10 does everywhere', () => {
    expect(isValidBarcode('6901028075381')).toBe(true);
  });

  it('catches every single-digit typo in a valid code', () => {
    fc.assert(
      fc.property(fc.constantFrom(...KNOWN.ean13, ...KNOWN.upca, ...KNOWN.ean8), fc.nat(), fc.integer({ min: 1, max: 9 }), (code, at, bump) => {
        const i = at % code.length;
        const typo = `${code.slice(0, i)}${(Number(code[i]) + bump) % 10}${code.slice(i + 1)}`;
        expect(isValidBarcode(typo)).toBe(false);
      }),
      { numRuns: runs(2000 / 10, 2000) },
    );
  });
});

describe('withCheckDigit', () => {
  it('appends the digit the known codes end in', () => {
    expect(withCheckDigit('400638133393')).toBe('4006381333931');
    expect(withCheckDigit('690102807583')).toBe('6901028075831');
    expect(withCheckDigit('03600029145')).toBe('036000291452');
    expect(withCheckDigit('9638507')).toBe('96385074');
  });

  it('refuses lengths that would not make a barcode, and non-digits', () => {
    for (const bad of ['', '123456', '12345678', '1234567890', '1234567890123', '69010280758a'])
      expect(() => withCheckDigit(bad)).toThrow(RangeError);
  });

  it('always yields a valid barcode of the matching kind, and only one digit makes it valid', () => {
    const body = fc.oneof(digits(7), digits(11), digits(12));
    fc.assert(
      fc.property(body, (b) => {
        const code = withCheckDigit(b);
        expect(code.startsWith(b)).toBe(true);
        expect(barcodeKind(code)).toBe({ 8: 'ean8', 12: 'upca', 13: 'ean13' }[code.length]);
        const valid = [...'0123456789'].filter((d) => isValidBarcode(`${b}${d}`));
        expect(valid).toEqual([code.at(-1)]);
      }),
      { numRuns: runs(3000 / 10, 3000) },
    );
  });
});

describe('normalizeBarcode', () => {
  it('gives a UPC-A its EAN-13 form, so either scan finds the same SKU', () => {
    expect(normalizeBarcode('036000291452')).toBe('0036000291452');
    expect(normalizeBarcode('0036000291452')).toBe('0036000291452');
    expect(isValidBarcode('0036000291452')).toBe(true);
  });

  it('leaves EAN-13 and EAN-8 codes as they are', () => {
    expect(normalizeBarcode('6901028075831')).toBe('6901028075831');
    expect(normalizeBarcode('96385074')).toBe('96385074');
  });

  it('throws on an invalid code', () => {
    expect(() => normalizeBarcode('036000291453')).toThrow(RangeError);
  });

  it('maps every UPC-A and its 0-prefixed EAN-13 to one valid key, and is idempotent', () => {
    fc.assert(
      fc.property(digits(11), (b) => {
        const upca = withCheckDigit(b);
        const key = normalizeBarcode(upca);
        expect(key).toBe(normalizeBarcode(`0${upca}`));
        expect(key).toHaveLength(13);
        expect(isValidBarcode(key)).toBe(true);
        expect(normalizeBarcode(key)).toBe(key);
      }),
      { numRuns: runs(2000 / 10, 2000) },
    );
  });
});

describe('Barcode schema', () => {
  const Sku = z.object({ code: z.string(), barcode: Barcode.optional() });

  it('accepts a valid code and trims scanner whitespace', () => {
    expect(Sku.parse({ code: 'A1', barcode: ' 6901028075831\n' })).toEqual({ code: 'A1', barcode: '6901028075831' });
    expect(Sku.parse({ code: 'A1' })).toEqual({ code: 'A1' });
  });

  it('refuses a bad check digit with a message that says so', () => {
    const result = Sku.safeParse({ code: 'A1', barcode: '6901028075832' });
    expect(result.success).toBe(false);
    expect(result.error?.issues).toHaveLength(1);
    expect(result.error?.issues[0]?.path).toEqual(['barcode']);
    expect(result.error?.issues[0]?.message).toMatch(/check digit/);
  });

  it('refuses a non-string', () => {
    expect(Barcode.safeParse(6901028075831).success).toBe(false);
  });
});
