// The roles a token can carry. Store-scoped roles also carry the store ids they may act on.
export const ROLES = ['hq_admin', 'store_manager', 'cashier', 'field_engineer', 'franchisee'] as const;
export type Role = (typeof ROLES)[number];

export const STORE_SCOPED_ROLES: readonly Role[] = ['store_manager', 'cashier', 'franchisee'];
