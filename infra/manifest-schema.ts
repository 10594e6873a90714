// The shape of infra/manifest.ts. Plain data, read by both the CDK app and the local cloud, so
// it imports neither CDK nor SDK code: only zod and pure constants.
import { z } from 'zod';
import { ROLES } from '../domain/shared/tenancy.ts';

export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;

const logicalName = z.string().regex(/^[a-z][a-zA-Z0-9]*$/, 'camelCase logical name');

const KeyAttribute = z.object({ name: z.string(), type: z.enum(['S', 'N']) });

export const TableSpec = z.object({
  partitionKey: KeyAttribute,
  sortKey: KeyAttribute.optional(),
  globalIndexes: z
    .array(z.object({ name: z.string(), partitionKey: KeyAttribute, sortKey: KeyAttribute.optional() }))
    .default([]),
  stream: z.enum(['NEW_IMAGE', 'OLD_IMAGE', 'NEW_AND_OLD_IMAGES', 'KEYS_ONLY']).optional(),
  ttlAttribute: z.string().optional(),
  /**
   * Holds tenants' items: functions reach them only with tenant-scoped credentials (IAM
   * LeadingKeys on the tenant id), and each silo tenant gets its own table of this shape.
   */
  tenantData: z.boolean().default(false),
  /**
   * A `mac` key of the manifest that this table's record keys are HMACs under: every function
   * bound to the table gets the key too (idempotency records name a request by its HMAC, so the
   * table never holds a request body or its plain hash).
   */
  macKey: logicalName.optional(),
});
export type TableSpec = z.infer<typeof TableSpec>;

export const QueueSpec = z.object({
  fifo: z.boolean(),
  visibilityTimeoutSeconds: z.number().int().min(0).max(43_200),
  retentionDays: z.number().int().min(1).max(14).default(4),
  deadLetter: z.object({ maxReceiveCount: z.number().int().min(1).max(1000) }).optional(),
});
export type QueueSpec = z.infer<typeof QueueSpec>;

/** `public`: no token; `signedIn`: any valid token; otherwise the roles that may call it. */
export const HttpAccess = z.union([z.literal('public'), z.literal('signedIn'), z.array(Role).min(1)]);
export type HttpAccess = z.infer<typeof HttpAccess>;

export const HttpTrigger = z.object({
  type: z.literal('http'),
  method: z.enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']),
  path: z.string().regex(/^\/[^\s]*$/),
  access: HttpAccess,
});

export const SqsTrigger = z.object({
  type: z.literal('sqs'),
  queue: logicalName,
  batchSize: z.number().int().min(1).max(10_000),
  maxBatchingWindowSeconds: z.number().int().min(0).max(300).default(0),
});

/**
 * A DLQ's visibility timeout: SQS's default, which the local cloud's DLQs have too. A `deadLetter`
 * consumer's timeout must not pass it, or a dead letter still being handled is delivered again.
 */
export const DEAD_LETTER_VISIBILITY_TIMEOUT_SECONDS = 30;

/**
 * Runs on what `queue` gives up on: the messages its dead-letter queue receives once a message
 * has been received maxReceiveCount times without being deleted (a consumer that keeps failing on
 * it). For work that must still end when its message cannot be processed, such as an import job.
 */
export const DeadLetterTrigger = z.object({
  type: z.literal('deadLetter'),
  queue: logicalName,
  batchSize: z.number().int().min(1).max(10_000),
});

/** Only stream records whose new image has one of these ElectroDB entity names are delivered. */
export const StreamTrigger = z.object({
  type: z.literal('stream'),
  table: logicalName,
  batchSize: z.number().int().min(1).max(10_000),
  startingPosition: z.enum(['LATEST', 'TRIM_HORIZON']).default('TRIM_HORIZON'),
  filter: z.object({ eventNames: z.array(z.enum(['INSERT', 'MODIFY', 'REMOVE'])), entities: z.array(z.string()) }).optional(),
});

/** AWS cron expression without the `cron()` wrapper: minutes hours day-of-month month day-of-week year. */
export const ScheduleTrigger = z.object({ type: z.literal('schedule'), cron: z.string().regex(/^(\S+\s){5}\S+$/) });

/** An IoT rule forwards messages on `topicFilter` to `queue`; the function consumes the queue. */
export const IotRuleTrigger = z.object({
  type: z.literal('iotRule'),
  topicFilter: z.string(),
  queue: logicalName,
  batchSize: z.number().int().min(1).max(10_000),
});

/** A Cognito user pool trigger; `preTokenGeneration` runs as V2 so it can shape access tokens. */
export const CognitoTrigger = z.object({ type: z.literal('cognito'), event: z.enum(['preTokenGeneration']) });

/**
 * The pre-provisioning hook of an IoT fleet provisioning template (iot/provisioning-template.ts):
 * IoT Core calls it, synchronously, for every RegisterThing on that template.
 */
export const IotProvisioningHookTrigger = z.object({ type: z.literal('iotProvisioningHook'), template: z.string() });

export const Trigger = z.discriminatedUnion('type', [
  HttpTrigger,
  SqsTrigger,
  DeadLetterTrigger,
  StreamTrigger,
  ScheduleTrigger,
  IotRuleTrigger,
  CognitoTrigger,
  IotProvisioningHookTrigger,
]);
export type Trigger = z.infer<typeof Trigger>;

export const FunctionSpec = z.object({
  /** Path from the repository root; Storefleet's own functions live under functions/. */
  entry: z.string().regex(/^[\w./-]+\.ts$/),
  description: z.string(),
  trigger: Trigger,
  bindings: z
    .object({
      tables: z.record(z.string(), z.enum(['read', 'readWrite'])).default({}),
      queues: z.record(z.string(), z.enum(['send'])).default({}),
      /**
       * What the function may do with the identity provider (Cognito in AWS, the local IdP here):
       * `registerUsers` creates and removes logins, `signIn` exchanges passwords for tokens.
       */
      identity: z.array(z.enum(['registerUsers', 'signIn'])).default([]),
      /** Encryption keys of the manifest (`keys`) the function may encrypt, or also decrypt, with. */
      keys: z.record(z.string(), z.enum(['encrypt', 'decrypt', 'encryptDecrypt'])).default({}),
      /** `provision`: may make sure a silo tenant's table exists (signup). */
      siloTables: z.enum(['provision']).optional(),
      /**
       * IoT Core registry: `removeThings` revokes a thing's certificates and deletes the thing;
       * `revokeCertificates` revokes a certificate and detaches it from its thing, nothing more.
       */
      iot: z.array(z.enum(['removeThings', 'revokeCertificates'])).default([]),
    })
    .default({ tables: {}, queues: {}, identity: [], keys: {}, iot: [] }),
  timeoutSeconds: z.number().int().min(1).max(900).default(10),
  memoryMb: z.number().int().min(128).max(10_240).default(512),
});
export type FunctionSpec = z.infer<typeof FunctionSpec>;

export const Manifest = z
  .object({
    service: z.string(),
    tables: z.record(logicalName, TableSpec),
    queues: z.record(logicalName, QueueSpec),
    /**
     * KMS keys in AWS, local keys in the local cloud: `encrypt` keys seal sensitive fields,
     * `mac` keys (HMAC-SHA-256) derive keyed hashes and never leave KMS.
     */
    keys: z.record(logicalName, z.object({ description: z.string(), usage: z.enum(['encrypt', 'mac']).default('encrypt') })).default({}),
    functions: z.record(logicalName, FunctionSpec),
  })
  .superRefine((m, ctx) => {
    for (const [name, fn] of Object.entries(m.functions)) {
      const t = fn.trigger;
      const queue = t.type === 'sqs' || t.type === 'iotRule' || t.type === 'deadLetter' ? t.queue : undefined;
      if (queue && !m.queues[queue]) ctx.addIssue({ code: 'custom', path: ['functions', name], message: `unknown queue ${queue}` });
      if (t.type === 'deadLetter' && m.queues[t.queue] && !m.queues[t.queue]?.deadLetter)
        ctx.addIssue({ code: 'custom', path: ['functions', name], message: `queue ${t.queue} has no dead-letter queue` });
      if (t.type === 'deadLetter' && fn.timeoutSeconds > DEAD_LETTER_VISIBILITY_TIMEOUT_SECONDS)
        ctx.addIssue({ code: 'custom', path: ['functions', name], message: `a dead-letter consumer may take at most ${DEAD_LETTER_VISIBILITY_TIMEOUT_SECONDS}s (its queue's visibility timeout)` });
      if (t.type === 'stream' && !m.tables[t.table]?.stream)
        ctx.addIssue({ code: 'custom', path: ['functions', name], message: `table ${t.table} has no stream` });
      for (const table of Object.keys(fn.bindings.tables))
        if (!m.tables[table]) ctx.addIssue({ code: 'custom', path: ['functions', name], message: `unknown table ${table}` });
      for (const q of Object.keys(fn.bindings.queues))
        if (!m.queues[q]) ctx.addIssue({ code: 'custom', path: ['functions', name], message: `unknown queue ${q}` });
      for (const k of Object.keys(fn.bindings.keys))
        if (m.keys[k]?.usage !== 'encrypt') ctx.addIssue({ code: 'custom', path: ['functions', name], message: `unknown encryption key ${k}` });
      // The cipher reads one key from its environment (domain/shared/crypto/cipher-from-env.ts).
      if (Object.keys(fn.bindings.keys).length > 1) ctx.addIssue({ code: 'custom', path: ['functions', name], message: 'bind at most one key' });
    }
    for (const [name, table] of Object.entries(m.tables))
      if (table.macKey && m.keys[table.macKey]?.usage !== 'mac')
        ctx.addIssue({ code: 'custom', path: ['tables', name], message: `macKey ${table.macKey} is not a mac key of the manifest` });
    if (Object.values(m.tables).filter((t) => t.tenantData).length > 1)
      ctx.addIssue({ code: 'custom', path: ['tables'], message: 'at most one table holds tenant data' });
    // Every signed-in request is counted against its tenant's quota in the tenant-data table.
    const tenantData = Object.entries(m.tables).find(([, t]) => t.tenantData)?.[0];
    for (const [name, fn] of Object.entries(m.functions))
      if (tenantData && fn.trigger.type === 'http' && fn.trigger.access !== 'public' && !fn.bindings.tables[tenantData])
        ctx.addIssue({ code: 'custom', path: ['functions', name], message: `a signed-in route must bind table ${tenantData} (request quota)` });
    // Two consumers of one dead-letter queue would each see only some of its messages.
    const deadLetterConsumers = Object.values(m.functions).flatMap((f) => (f.trigger.type === 'deadLetter' ? [f.trigger.queue] : []));
    const twice = deadLetterConsumers.find((q, i) => deadLetterConsumers.indexOf(q) !== i);
    if (twice) ctx.addIssue({ code: 'custom', path: ['functions'], message: `dead letters of queue ${twice} consumed twice` });
    const routes = Object.values(m.functions).flatMap((f) => (f.trigger.type === 'http' ? [`${f.trigger.method} ${f.trigger.path}`] : []));
    const dup = routes.find((r, i) => routes.indexOf(r) !== i);
    if (dup) ctx.addIssue({ code: 'custom', path: ['functions'], message: `route declared twice: ${dup}` });
  });
export type Manifest = z.infer<typeof Manifest>;
export type ManifestInput = z.input<typeof Manifest>;

export { tableEnvVar, queueEnvVar, ACCESS_ENV_VAR } from '../domain/shared/bindings.ts';
export { encodeAccess } from '../domain/shared/function-env.ts';

/** Physical name of a queue, FIFO suffix included, for a stage. */
export const queuePhysicalName = (service: string, stage: string, queue: string, spec: Pick<QueueSpec, 'fifo'>, dlq = false): string =>
  `${service}-${stage}-${queue}${dlq ? '-dlq' : ''}${spec.fifo ? '.fifo' : ''}`;

/** The manifest's tenant-data table, if it declares one. */
export const tenantDataTable = (m: Pick<Manifest, 'tables'>): { name: string; spec: TableSpec } | undefined => {
  const found = Object.entries(m.tables).find(([, spec]) => spec.tenantData);
  return found && { name: found[0], spec: found[1] };
};
