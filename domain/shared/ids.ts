// Prefixed ULIDs (`ten_01J...`): sortable by creation time and self-describing in logs.
import { ulid } from 'ulid';

export const ID_PREFIXES = {
  tenant: 'ten',
  user: 'usr',
  event: 'evt',
  job: 'job',
} as const;

export type IdKind = keyof typeof ID_PREFIXES;

export const newId = (kind: IdKind, now: number = Date.now()): string => `${ID_PREFIXES[kind]}_${ulid(now)}`;

export const isId = (kind: IdKind, value: string): boolean =>
  new RegExp(`^${ID_PREFIXES[kind]}_[0-9A-HJKMNP-TV-Z]{26}$`).test(value);
