// What the terminals routes answer (API.md, "Terminals (POS fleet)"): the schemas of their success
// bodies. terminal-view.ts is typed by them, and httpHandler checks every answer against them.
import { z } from 'zod';
import { Id, Timestamp } from '../shared/fields.ts';
import { page } from '../shared/pagination.ts';

export const TerminalView = z
  .object({
    id: Id('terminal').describe('The terminal’s IoT thing name'),
    storeId: Id('store'),
    status: z.enum(['online', 'offline']),
    lastSeenAt: Timestamp.nullable().describe('When it last connected or went'),
    serialNumber: z.string().optional().describe('Shown to hq_admin and field_engineer only'),
    certificateId: z.string().describe('Its active certificate in IoT Core'),
    provisionedAt: Timestamp,
    provisionedBy: z.string().describe('Who issued the code it registered with'),
  })
  .meta({ id: 'Terminal' });
export type TerminalView = z.output<typeof TerminalView>;
export const TerminalPage = page(TerminalView);

/** `POST /v1/stores/{storeId}/provisioning-codes`: single use, shown this once. */
export const ProvisioningCodeView = z.object({ code: z.string(), expiresAt: Timestamp, storeId: Id('store') }).meta({ id: 'ProvisioningCode' });
export type ProvisioningCodeView = z.output<typeof ProvisioningCodeView>;

/** `DELETE /v1/terminals/{id}`: the terminal as it was, and the certificates revoked with it. */
export const RemovedTerminalView = TerminalView.extend({ certificatesRevoked: z.array(z.string()), removedAt: Timestamp });
export type RemovedTerminalView = z.output<typeof RemovedTerminalView>;
