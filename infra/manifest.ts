// The one declaration of Storefleet's cloud: tables, queues, functions, triggers and bindings.
// The CDK app deploys it and the local cloud runs it; nothing here is written twice elsewhere.
import { Manifest, type ManifestInput } from './manifest-schema.ts';
import { catalogFunctions } from './functions/catalog.ts';
import { pricingFunctions, pricingQueues } from './functions/pricing.ts';
import { stockFunctions } from './functions/stock.ts';
import { transferFunctions } from './functions/transfers.ts';
import { terminalFunctions, terminalQueues } from './functions/terminals.ts';
import { orderFunctions } from './functions/orders.ts';
import { paymentProviderFunctions } from './functions/payment-providers.ts';
import { channelFunctions } from './functions/channels.ts';
import { posFunctions } from './functions/pos.ts';

const declared = {
  service: 'storefleet',
  tables: {
    main: {
      partitionKey: { name: 'pk', type: 'S' },
      sortKey: { name: 'sk', type: 'S' },
      globalIndexes: [
        { name: 'gsi1', partitionKey: { name: 'gsi1pk', type: 'S' }, sortKey: { name: 'gsi1sk', type: 'S' } },
        // Tenant-wide listings of what gsi1 already lists per store (orders across a chain's stores).
        { name: 'gsi2', partitionKey: { name: 'gsi2pk', type: 'S' }, sortKey: { name: 'gsi2sk', type: 'S' } },
      ],
      stream: 'NEW_AND_OLD_IMAGES',
      ttlAttribute: 'expiresAt',
      tenantData: true,
    },
    // Powertools idempotency records (its default attribute names), keyed by HMAC.
    idempotency: {
      partitionKey: { name: 'id', type: 'S' },
      ttlAttribute: 'expiration',
      macKey: 'idempotency',
    },
  },
  queues: {
    // Per-tenant ordered domain events from the outbox; MessageGroupId is the tenant id.
    domainEvents: { fifo: true, visibilityTimeoutSeconds: 60, deadLetter: { maxReceiveCount: 5 } },
    // Chunks of bulk store imports; one message group per job.
    storeImports: { fifo: true, visibilityTimeoutSeconds: 180, deadLetter: { maxReceiveCount: 5 } },
    // Chunks of bulk product imports; one message group per job.
    productImports: { fifo: true, visibilityTimeoutSeconds: 180, deadLetter: { maxReceiveCount: 5 } },
    ...pricingQueues,
    ...terminalQueues,
  },
  keys: {
    accountData: { description: "Account secrets: franchisees' bank account numbers, platform app secrets, payment providers' merchant keys" },
    idempotency: { description: 'Keys idempotency records and seals the responses they replay', usage: 'mac' },
  },
  functions: {
    createTenant: {
      entry: 'functions/http/tenants/create-tenant.ts',
      description: 'Sign up a store chain: tenant, admin user and tenant.created event',
      trigger: { type: 'http', method: 'POST', path: '/v1/tenants', access: 'public' },
      bindings: { tables: { main: 'readWrite', idempotency: 'readWrite' }, identity: ['registerUsers'], siloTables: 'provision' },
    },
    issueToken: {
      entry: 'functions/http/auth/issue-token.ts',
      description: 'Exchange a tenant slug, email and password for an access token',
      trigger: { type: 'http', method: 'POST', path: '/v1/auth/token', access: 'public' },
      // Writes only its failed-attempt counters (lockout).
      bindings: { tables: { main: 'readWrite' }, identity: ['signIn'] },
    },
    getTenant: {
      entry: 'functions/http/tenants/get-tenant.ts',
      description: "The caller's tenant",
      trigger: { type: 'http', method: 'GET', path: '/v1/tenant', access: 'signedIn' },
      bindings: { tables: { main: 'read' } },
    },
    updateTenant: {
      entry: 'functions/http/tenants/update-tenant.ts',
      description: "Rename the chain or change its settings (audited)",
      trigger: { type: 'http', method: 'PATCH', path: '/v1/tenant', access: ['hq_admin'] },
      bindings: { tables: { main: 'readWrite' } },
    },
    listTenantEvents: {
      entry: 'functions/http/tenants/list-tenant-events.ts',
      description: 'Domain events the platform has consumed for the caller’s tenant',
      trigger: { type: 'http', method: 'GET', path: '/v1/tenant/events', access: ['hq_admin'] },
      bindings: { tables: { main: 'read' } },
    },
    createUser: {
      entry: 'functions/http/users/create-user.ts',
      description: 'Add a user to the chain with a role (and stores, for store roles)',
      trigger: { type: 'http', method: 'POST', path: '/v1/users', access: ['hq_admin'] },
      bindings: { tables: { main: 'readWrite', idempotency: 'readWrite' }, identity: ['registerUsers'] },
    },
    createRegion: {
      entry: 'functions/http/stores/create-region.ts',
      description: 'Create a region of the chain',
      trigger: { type: 'http', method: 'POST', path: '/v1/regions', access: ['hq_admin'] },
      bindings: { tables: { main: 'readWrite', idempotency: 'readWrite' } },
    },
    listRegions: {
      entry: 'functions/http/stores/list-regions.ts',
      description: "The chain's regions",
      trigger: { type: 'http', method: 'GET', path: '/v1/regions', access: 'signedIn' },
      bindings: { tables: { main: 'read' } },
    },
    createStore: {
      entry: 'functions/http/stores/create-store.ts',
      description: 'Open a store in a region, HQ-owned or franchised',
      trigger: { type: 'http', method: 'POST', path: '/v1/stores', access: ['hq_admin'] },
      bindings: { tables: { main: 'readWrite', idempotency: 'readWrite' } },
    },
    listStores: {
      entry: 'functions/http/stores/list-stores.ts',
      description: 'Stores by code, filtered by region and ownership; scoped roles see their own',
      trigger: { type: 'http', method: 'GET', path: '/v1/stores', access: 'signedIn' },
      bindings: { tables: { main: 'read' } },
    },
    getStore: {
      entry: 'functions/http/stores/get-store.ts',
      description: 'One store the caller may see',
      trigger: { type: 'http', method: 'GET', path: '/v1/stores/{id}', access: 'signedIn' },
      bindings: { tables: { main: 'read' } },
    },
    importStores: {
      entry: 'functions/http/stores/import-stores.ts',
      description: 'Start a bulk store import from CSV (code,name,regionName,ownership,address)',
      trigger: { type: 'http', method: 'POST', path: '/v1/stores:import', access: ['hq_admin'] },
      bindings: { tables: { main: 'readWrite', idempotency: 'readWrite' }, queues: { storeImports: 'send' } },
    },
    importStoreChunk: {
      entry: 'functions/sqs/import-store-chunk.ts',
      description: 'Import one chunk of store rows, each exactly once',
      trigger: { type: 'sqs', queue: 'storeImports', batchSize: 1 },
      bindings: { tables: { main: 'readWrite' } },
      timeoutSeconds: 120,
    },
    endDeadStoreChunk: {
      entry: 'functions/sqs/end-dead-store-chunk.ts',
      description: 'End the job of a store import chunk that dead-lettered: its unhandled rows fail as chunk_failed',
      trigger: { type: 'deadLetter', queue: 'storeImports', batchSize: 1 },
      bindings: { tables: { main: 'readWrite' } },
      timeoutSeconds: 30,
    },
    getJob: {
      entry: 'functions/http/jobs/get-job.ts',
      description: 'Progress and row errors of a job, for the user who started it',
      trigger: { type: 'http', method: 'GET', path: '/v1/jobs/{id}', access: 'signedIn' },
      bindings: { tables: { main: 'read' } },
    },
    listAudit: {
      entry: 'functions/http/audit/list-audit.ts',
      description: "The tenant's audit trail, newest first",
      trigger: { type: 'http', method: 'GET', path: '/v1/audit', access: ['hq_admin'] },
      bindings: { tables: { main: 'read' } },
    },
    createFranchiseInvitation: {
      entry: 'functions/http/franchise/create-invitation.ts',
      description: 'Invite a prospective franchisee: a single-use code valid for 7 days',
      trigger: { type: 'http', method: 'POST', path: '/v1/franchise/invitations', access: ['hq_admin'] },
      bindings: { tables: { main: 'readWrite', idempotency: 'readWrite' } },
    },
    submitFranchiseApplication: {
      entry: 'functions/http/franchise/submit-application.ts',
      description: 'Apply to become a franchisee with an invitation code (rate limited)',
      trigger: { type: 'http', method: 'POST', path: '/v1/franchise/applications', access: 'public' },
      bindings: { tables: { main: 'readWrite', idempotency: 'readWrite' }, keys: { accountData: 'encrypt' } },
    },
    listFranchiseApplications: {
      entry: 'functions/http/franchise/list-applications.ts',
      description: 'Franchise applications by status, account numbers masked',
      trigger: { type: 'http', method: 'GET', path: '/v1/franchise/applications', access: ['hq_admin'] },
      bindings: { tables: { main: 'read' } },
    },
    getFranchiseApplication: {
      entry: 'functions/http/franchise/get-application.ts',
      description: 'One franchise application, account number masked',
      trigger: { type: 'http', method: 'GET', path: '/v1/franchise/applications/{id}', access: ['hq_admin'] },
      bindings: { tables: { main: 'read' } },
    },
    approveFranchiseApplication: {
      entry: 'functions/http/franchise/approve-application.ts',
      description: 'Onboard a franchisee: store, user and login, settlement profile, all or nothing',
      trigger: { type: 'http', method: 'POST', path: '/v1/franchise/applications/{id}/approve', access: ['hq_admin'] },
      bindings: { tables: { main: 'readWrite', idempotency: 'readWrite' }, identity: ['registerUsers'], keys: { accountData: 'encryptDecrypt' } },
    },
    rejectFranchiseApplication: {
      entry: 'functions/http/franchise/reject-application.ts',
      description: 'Reject a franchise application with a reason',
      trigger: { type: 'http', method: 'POST', path: '/v1/franchise/applications/{id}/reject', access: ['hq_admin'] },
      bindings: { tables: { main: 'readWrite' } },
    },
    recoverStalledApprovals: {
      entry: 'functions/schedule/recover-stalled-approvals.ts',
      description: 'Undo franchise approvals that died mid-flow and put their applications back to submitted',
      trigger: { type: 'schedule', cron: '0/5 * * * ? *' },
      // Reads the platform's claim index; changes each tenant's records with its vended scope and
      // deletes the half-made login (AdminDeleteUser, part of registerUsers).
      bindings: { tables: { main: 'readWrite' }, identity: ['registerUsers'] },
      timeoutSeconds: 60,
    },
    customizeTokenClaims: {
      entry: 'functions/cognito/pre-token-generation.ts',
      description: 'Put tenantId, role, storeIds and userId into Cognito access tokens',
      trigger: { type: 'cognito', event: 'preTokenGeneration' },
      // Cognito gives a trigger at most 5 s.
      timeoutSeconds: 5,
    },
    publishOutbox: {
      entry: 'functions/stream/publish-outbox.ts',
      description: "Publish outbox items written with a change to the domain events queue, and write the ledger line each stock level change records (its movement item)",
      trigger: {
        type: 'stream',
        table: 'main',
        batchSize: 100,
        startingPosition: 'TRIM_HORIZON',
        filter: { eventNames: ['INSERT', 'MODIFY'], entities: ['outboxEvent', 'stockLevel'] },
      },
      bindings: { queues: { domainEvents: 'send' }, tables: { main: 'readWrite' } },
    },
    recordDomainEvent: {
      entry: 'functions/sqs/record-domain-event.ts',
      description: 'Record each consumed domain event once in its tenant’s event log',
      trigger: { type: 'sqs', queue: 'domainEvents', batchSize: 10 },
      bindings: { tables: { main: 'readWrite' } },
    },
    ...catalogFunctions,
    ...pricingFunctions,
    ...stockFunctions,
    ...transferFunctions,
    ...terminalFunctions,
    ...orderFunctions,
    ...paymentProviderFunctions,
    ...channelFunctions,
    ...posFunctions,
  },
} as const satisfies ManifestInput;

export const manifest: Manifest = Manifest.parse(declared);
export type FunctionName = keyof typeof declared.functions;
