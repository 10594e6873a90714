// Who acts, for which tenant: the roles a token can carry and the context every tenant-scoped
// use case and repository takes. Built only from verified identity (tenants/tenant-context.ts).
export const ROLES = ['hq_admin', 'store_manager', 'cashier', 'field_engineer', 'franchisee'] as const;
export type Role = (typeof ROLES)[number];

/** Roles that act on the stores listed in their token's storeIds, and on no others. */
export const STORE_SCOPED_ROLES: readonly Role[] = ['store_manager', 'cashier', 'franchisee'];

export type TenantContext = Readonly<{ tenantId: string; userId: string; role: Role; storeIds: readonly string[] }>;

export const isStoreScoped = (ctx: TenantContext): boolean => STORE_SCOPED_ROLES.includes(ctx.role);

/** Whether the caller may see or act on `storeId`: tenant-wide roles always, scoped roles for their stores. */
export const canAccessStore = (ctx: TenantContext, storeId: string): boolean => !isStoreScoped(ctx) || ctx.storeIds.includes(storeId);
