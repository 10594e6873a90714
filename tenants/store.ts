// The tenancy entities as one ElectroDB service, so use cases can write them in one transaction.
import { Service } from 'electrodb';
import type { DataScope } from '../domain/shared/data-scope.ts';
import { createTenantEntity } from './entities/tenant.ts';
import { createTenantSlugEntity } from './entities/tenant-slug.ts';
import { createTenantDirectoryEntity } from './entities/tenant-directory.ts';
import { createUserEntity } from './entities/user.ts';
import { createUserEmailEntity } from './entities/user-email.ts';
import { createSignInAttemptsEntity } from './entities/sign-in-attempts.ts';
import { createSiloReservationEntity } from './entities/silo-reservation.ts';
import { createTenantEventEntity } from './entities/tenant-event.ts';
import { createOutboxEventEntity } from '../domain/shared/events/outbox-event.ts';
import { createAuditEntryEntity } from '../domain/audit/audit-entry-entity.ts';

export const createTenancyService = ({ tenantTable, platformTable, client }: DataScope) =>
  new Service(
    {
      tenant: createTenantEntity(tenantTable, client),
      tenantSlug: createTenantSlugEntity(platformTable, client),
      tenantDirectory: createTenantDirectoryEntity(platformTable, client),
      siloReservation: createSiloReservationEntity(platformTable, client),
      user: createUserEntity(tenantTable, client),
      userEmail: createUserEmailEntity(tenantTable, client),
      signInAttempts: createSignInAttemptsEntity(tenantTable, client),
      tenantEvent: createTenantEventEntity(tenantTable, client),
      outboxEvent: createOutboxEventEntity(tenantTable, client),
      auditEntry: createAuditEntryEntity(tenantTable, client),
    },
    // No service-wide table: directory entities live in the shared table, the rest in the tenant's.
    { client },
  );

export type TenancyService = ReturnType<typeof createTenancyService>;
