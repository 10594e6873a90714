// Prefixed ULIDs (`ten_01J...`): sortable by creation time and self-describing in logs.
import { createHash } from 'node:crypto';
import { ulid } from 'ulid';

export const ID_PREFIXES = {
  tenant: 'ten',
  user: 'usr',
  event: 'evt',
  region: 'reg',
  store: 'sto',
  audit: 'aud',
  job: 'job',
  invitation: 'inv',
  application: 'app',
  settlementProfile: 'stl',
  product: 'prd',
  sku: 'sku',
  category: 'cat',
  warehouse: 'whs',
  priceList: 'prl',
  movement: 'mov',
  reservation: 'rsv',
  posting: 'pst',
  transfer: 'trf',
  stocktake: 'stk',
  replenishmentOrder: 'rpo',
  order: 'ord',
  fulfilment: 'ful',
  payment: 'pay',
  refund: 'rfd',
  orderReturn: 'ret',
  /** A terminal's IoT thing name: unique across every tenant in the account, as thing names must be. */
  terminal: 'trm',
} as const;

export type IdKind = keyof typeof ID_PREFIXES;

export const newId = (kind: IdKind, now: number = Date.now()): string => `${ID_PREFIXES[kind]}_${ulid(now)}`;

/**
 * The id of `kind` that a retried operation names again: its time part is when the operation
 * was first attempted, its random part is drawn from `seed` (an idempotency record's HMAC), so a
 * second attempt writes under the first one's id and meets its conditions instead of writing twice.
 */
export const derivedId = (kind: IdKind, firstAttemptAt: number, seed: string): string => {
  const bytes = createHash('sha256').update(`${kind}\n${seed}`).digest();
  let i = 0;
  return `${ID_PREFIXES[kind]}_${ulid(firstAttemptAt, () => bytes[i++ % bytes.length]! / 256)}`;
};

/** Matches an id of `kind`: its prefix and a ULID in Crockford base32. */
export const idPattern = (kind: IdKind): RegExp => new RegExp(`^${ID_PREFIXES[kind]}_[0-9A-HJKMNP-TV-Z]{26}$`);
