// The tenancy entities as one ElectroDB service, so use cases can write them in one transaction.
import { Service } from 'electrodb';
import { documentClient } from '../domain/shared/dynamo.ts';
import { boundTable } from '../domain/shared/bindings.ts';
import { createTenantEntity } from './entities/tenant.ts';
import { createTenantSlugEntity } from './entities/tenant-slug.ts';
import { createUserEntity } from './entities/user.ts';
import { createUserEmailEntity } from './entities/user-email.ts';
import { createSignInAttemptsEntity } from './entities/sign-in-attempts.ts';
import { createTenantEventEntity } from './entities/tenant-event.ts';
import { createOutboxEventEntity } from '../domain/shared/events/outbox-event.ts';
import { createAuditEntryEntity } from '../domain/audit/audit-entry-entity.ts';

export const createTenancyService = (table = boundTable('main')) =>
  new Service(
    {
      tenant: createTenantEntity(table),
      tenantSlug: createTenantSlugEntity(table),
      user: createUserEntity(table),
      userEmail: createUserEmailEntity(table),
      signInAttempts: createSignInAttemptsEntity(table),
      tenantEvent: createTenantEventEntity(table),
      outboxEvent: createOutboxEventEntity(table),
      auditEntry: createAuditEntryEntity(table),
    },
    { table, client: documentClient },
  );

export type TenancyService = ReturnType<typeof createTenancyService>;
