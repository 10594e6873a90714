// Functions of the terminal fleet: provisioning codes, the registration hook, reading and removing
// terminals.
import type { ManifestInput } from '../manifest-schema.ts';
import { HOOK_TIMEOUT_SECONDS, TERMINAL_TEMPLATE } from '../../iot/provisioning-template.ts';
import { PRESENCE_TOPIC_FILTER } from '../../iot/lifecycle-events.ts';

export const terminalQueues = {
  // IoT Core's connect and disconnect events; standard, as IoT rules cannot send to FIFO queues
  // (the consumer orders events itself).
  terminalPresence: { fifo: false, visibilityTimeoutSeconds: 60, deadLetter: { maxReceiveCount: 5 } },
} satisfies ManifestInput['queues'];

const readers = ['hq_admin', 'store_manager', 'cashier', 'field_engineer', 'franchisee'] as const;

export const terminalFunctions = {
  issueProvisioningCode: {
    entry: 'functions/http/terminals/issue-provisioning-code.ts',
    description: 'A one-time code (30 minutes) that registers one new terminal into a store',
    trigger: { type: 'http', method: 'POST', path: '/v1/stores/{storeId}/provisioning-codes', access: ['field_engineer', 'hq_admin'] },
    bindings: { tables: { main: 'readWrite', idempotency: 'readWrite' } },
  },
  provisionTerminal: {
    entry: 'functions/iot/pre-provisioning-hook.ts',
    description: "Fleet provisioning hook: checks a terminal's code and the chain's terminal quota, records the terminal, revokes a retry's earlier certificate",
    trigger: { type: 'iotProvisioningHook', template: TERMINAL_TEMPLATE },
    // A retry that replaces a certificate revokes and detaches the earlier one (provision-terminal.ts).
    bindings: { tables: { main: 'readWrite' }, iot: ['revokeCertificates'] },
    // IoT Core gives the hook five seconds before it refuses the device.
    timeoutSeconds: HOOK_TIMEOUT_SECONDS,
  },
  recordTerminalPresence: {
    entry: 'functions/iot/record-terminal-presence.ts',
    description: "Whether each terminal is online, from IoT Core's lifecycle events",
    trigger: { type: 'iotRule', topicFilter: PRESENCE_TOPIC_FILTER, queue: 'terminalPresence', batchSize: 10 },
    bindings: { tables: { main: 'readWrite' } },
  },
  listTerminals: {
    entry: 'functions/http/terminals/list-terminals.ts',
    description: "The chain's terminals, or one store's",
    trigger: { type: 'http', method: 'GET', path: '/v1/terminals', access: [...readers] },
    bindings: { tables: { main: 'read' } },
  },
  getTerminal: {
    entry: 'functions/http/terminals/get-terminal.ts',
    description: 'One terminal',
    trigger: { type: 'http', method: 'GET', path: '/v1/terminals/{id}', access: [...readers] },
    bindings: { tables: { main: 'read' } },
  },
  removeTerminal: {
    entry: 'functions/http/terminals/remove-terminal.ts',
    description: "Take a terminal out of service: revoke its certificates, delete its thing, free its place in the quota",
    trigger: { type: 'http', method: 'DELETE', path: '/v1/terminals/{id}', access: ['hq_admin', 'field_engineer'] },
    bindings: { tables: { main: 'readWrite' }, iot: ['removeThings'] },
  },
} satisfies Record<string, ManifestInput['functions'][string]>;
