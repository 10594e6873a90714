// GTIN barcodes printed on the goods our stores sell: EAN-13 (most goods; 690-699 is GS1 China),
// EAN-8 (small packs) and UPC-A (North American imports). All three end in a GS1 mod-10 check
// digit, which catches every single-digit mistake and most adjacent swaps made when a code is
// typed in by hand instead of scanned.
import { z } from 'zod';

export const BARCODE_KINDS = { ean13: 'ean13', ean8: 'ean8', upca: 'upca' } as const;
export type BarcodeKind = (typeof BARCODE_KINDS)[keyof typeof BARCODE_KINDS];

// Keyed by length. An 8-digit code is always read as EAN-8: UPC-E shares that length but is a
// compressed UPC-A that scanners already expand before it reaches us.
const KIND_BY_LENGTH: Readonly<Record<number, BarcodeKind>> = { 13: 'ean13', 8: 'ean8', 12: 'upca' };
const DIGITS = /^[0-9]+$/;

/**
 * The GS1 check digit for `body` (the digits before the check digit). Weights 3 and 1 alternate
 * from the right, starting with 3 next to the check digit, which is why the same function serves
 * every GTIN length and why a leading 0 never changes the result.
 */
const checkDigitOf = (body: string): number => {
  let sum = 0;
  for (let i = 0; i < body.length; i += 1) {
    const digit = body.charCodeAt(body.length - 1 - i) - 48;
    sum += i % 2 === 0 ? digit * 3 : digit;
  }
  return (10 - (sum % 10)) % 10;
};

/** The kind of a valid barcode, or null when `s` is not one (wrong length, non-digits, bad check digit). */
export const barcodeKind = (s: string): BarcodeKind | null => {
  const kind = KIND_BY_LENGTH[s.length];
  if (kind === undefined || !DIGITS.test(s)) return null;
  return checkDigitOf(s.slice(0, -1)) === s.charCodeAt(s.length - 1) - 48 ? kind : null;
};

export const isValidBarcode = (s: string): boolean => barcodeKind(s) !== null;

/**
 * The form a barcode is stored and looked up by. A UPC-A is the same GTIN as the EAN-13 with a
 * leading 0 (GS1 reserves prefix 0 for exactly that), and a till may report either, so both must
 * find the same SKU. EAN-8 stays as it is: its number space never overlaps 13-digit codes.
 * Throws on an invalid barcode: request input is checked by the `Barcode` schema first, so
 * reaching here with one is a bug, not a user error.
 */
export const normalizeBarcode = (s: string): string => {
  const kind = barcodeKind(s);
  if (kind === null) throw new RangeError(`Not a valid EAN-13, EAN-8 or UPC-A barcode: ${s}`);
  return kind === 'upca' ? `0${s}` : s;
};

/**
 * Appends the check digit to 7, 11 or 12 digits, giving an EAN-8, UPC-A or EAN-13. Seed data uses
 * it to make codes that pass validation; other lengths throw so a typo cannot yield a code that
 * `isValidBarcode` would then refuse.
 */
export const withCheckDigit = (digitsWithoutCheck: string): string => {
  if (!DIGITS.test(digitsWithoutCheck) || KIND_BY_LENGTH[digitsWithoutCheck.length + 1] === undefined)
    throw new RangeError('Expected 7, 11 or 12 digits (an EAN-8, UPC-A or EAN-13 without its check digit)');
  return `${digitsWithoutCheck}${checkDigitOf(digitsWithoutCheck)}`;
};

export const BARCODE_MESSAGE = 'must be an EAN-13, EAN-8 or UPC-A barcode (8, 12 or 13 digits) with a correct check digit';

/** A barcode in a request. Surrounding spaces are dropped (some scanners append them); the digits are kept as sent. */
export const Barcode = z.string().trim().refine(isValidBarcode, { message: BARCODE_MESSAGE });
export type Barcode = z.infer<typeof Barcode>;
