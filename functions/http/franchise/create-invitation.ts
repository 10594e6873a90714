import { httpHandler } from '../../middleware/http-handler.ts';
import { created } from '../../middleware/responses.ts';
import { InvitationCreated, NewInvitation } from '../../../domain/franchise/schemas.ts';
import { createInvitation } from '../../../domain/franchise/invitations.ts';
import { createFranchiseService } from '../../../domain/franchise/franchise-service.ts';
import { systemClock } from '../../../domain/shared/clock.ts';
import { scoped } from '../../../tenants/data-access.ts';

const services = scoped(createFranchiseService);

export const handler = httpHandler({ body: NewInvitation, idempotency: 'optional', response: InvitationCreated, status: 201 }, async ({ tenant, body }) =>
  created(await createInvitation(tenant(), body, { service: await services(tenant().tenantId), clock: systemClock })),
);
