// WeChat Pay API v2's wire format, both directions (our adapter and the local sandbox): a flat
// <xml> document of string fields, signed by sorting the non-empty fields other than `sign` by
// name, joining them as `k=v&...`, appending `&key=<the merchant's API v2 key>` and taking the
// upper-case hex of MD5 (the default) or of HMAC-SHA256 keyed with the same key (`sign_type`
// HMAC-SHA256). Signatures compare in constant time.
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { XMLBuilder, XMLParser } from 'fast-xml-parser';

export type V2Fields = Record<string, string>;
export type SignType = 'MD5' | 'HMAC-SHA256';

/** The string a v2 signature is taken over. */
export const signingString = (fields: V2Fields, key: string): string =>
  `${Object.keys(fields)
    .filter((k) => k !== 'sign' && fields[k] !== undefined && fields[k] !== '')
    .sort()
    .map((k) => `${k}=${fields[k]}`)
    .join('&')}&key=${key}`;

export const sign = (fields: V2Fields, key: string, type: SignType = 'MD5'): string => {
  const text = signingString(fields, key);
  const digest = type === 'MD5' ? createHash('md5').update(text, 'utf8') : createHmac('sha256', key).update(text, 'utf8');
  return digest.digest('hex').toUpperCase();
};

/** Whether `fields.sign` is the merchant key's signature of the rest, by the type it names (MD5 when none). */
export const verify = (fields: V2Fields, key: string, type: SignType = signTypeOf(fields)): boolean => {
  const given = Buffer.from(fields.sign ?? '', 'utf8');
  const expected = Buffer.from(sign(fields, key, type), 'utf8');
  return given.length === expected.length && timingSafeEqual(given, expected);
};

export const signTypeOf = (fields: V2Fields): SignType => (fields.sign_type === 'HMAC-SHA256' ? 'HMAC-SHA256' : 'MD5');

/** A fresh nonce_str: 32 characters of [0-9A-Za-z], as the provider's own tools make. */
export const nonce = (): string => randomBytes(24).toString('base64url').replace(/[-_]/g, '0').slice(0, 32);

export const signed = (fields: V2Fields, key: string, type: SignType = 'MD5'): V2Fields => {
  const withNonce = { nonce_str: nonce(), ...fields, ...(type === 'MD5' ? {} : { sign_type: type }) };
  return { ...withNonce, sign: sign(withNonce, key, type) };
};

const builder = new XMLBuilder({ cdataPropName: '__cdata', format: false });
// Every value is text: numbers and leading zeros kept as sent, no entity expansion beyond XML's own.
const parser = new XMLParser({ parseTagValue: false, ignoreAttributes: true, processEntities: false, cdataPropName: false as unknown as string, trimValues: false });

/** `<xml><k><![CDATA[v]]></k>...</xml>`: every value in CDATA, as the provider sends its own. */
export const toXml = (fields: V2Fields): string =>
  builder.build({ xml: Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined).map(([k, v]) => [k, { __cdata: v }])) }) as string;

/** The fields of a v2 document; anything but a flat <xml> of text fields is refused. */
export const fromXml = (text: string): V2Fields => {
  const doc = parser.parse(text) as { xml?: unknown };
  if (!doc.xml || typeof doc.xml !== 'object') throw new Error('not a WeChat Pay v2 document: no <xml> root');
  const fields: V2Fields = {};
  for (const [k, v] of Object.entries(doc.xml as Record<string, unknown>)) {
    if (typeof v !== 'string') throw new Error(`not a WeChat Pay v2 document: <${k}> is not text`);
    fields[k] = v;
  }
  return fields;
};
