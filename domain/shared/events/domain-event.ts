// The envelope every domain event travels in, from the outbox through SQS to consumers.
import { z } from 'zod';

export const DomainEvent = z.object({
  id: z.string(),
  type: z.string(),
  tenantId: z.string(),
  occurredAt: z.iso.datetime(),
  payload: z.record(z.string(), z.unknown()),
});
export type DomainEvent = z.infer<typeof DomainEvent>;
