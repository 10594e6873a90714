// Terminal test helpers: the registration use case (the provisioning hook's body) against the run's
// DynamoDB Local with a clock the test moves and an IoT registry that records what it was asked to
// retire (or fails), and direct reads of what registration counts.
import { cloud, call, type TestTenant } from './api.ts';
import { sharedScope } from './scope.ts';
import { manualClock, useLocalEngine, type ManualClock } from './stock.ts';
import type { TerminalQuota } from '../../domain/terminals/terminal-quota.ts';
import { presenceOrder } from '../../iot/lifecycle-events.ts';

export const terminalKit = async (clock: ManualClock = manualClock(Date.now())) => {
  useLocalEngine();
  const { createTerminalService } = await import('../../domain/terminals/terminal-service.ts');
  const { provisionTerminal } = await import('../../domain/terminals/provision-terminal.ts');
  const { recordPresence } = await import('../../domain/terminals/record-presence.ts');
  const service = createTerminalService(await sharedScope(cloud().tables.main));
  let limit = 10_000;
  const quota: TerminalQuota = async () => ({ tier: 'pooled', limit });
  /** Certificates a retry retired, as the IoT registry was asked to: [thing, certificate id]. */
  const retired: [string, string][] = [];
  let registryDown = false;
  const retireCertificate = async (thingName: string, certificateId: string) => {
    if (registryDown) throw Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' });
    retired.push([thingName, certificateId]);
  };
  return {
    service,
    clock,
    retired,
    /** Makes the IoT registry refuse (or again accept) retiring certificates. */
    setRegistryDown: (down: boolean) => void (registryDown = down),
    /** Lowers the quota the use case sees, so a test reaches it without registering 10,000 tills. */
    setLimit: (n: number) => void (limit = n),
    register: (request: { code: string; serialNumber: string; certificateId?: string }) =>
      provisionTerminal(
        { certificateId: 'c'.repeat(64), ...request },
        { platform: service, terminalsOf: async () => service, quota, clock, retireCertificate },
      ),
    /** A lifecycle event; its principal is the certificate registration recorded unless given. */
    presence: (clientId: string, eventType: 'connected' | 'disconnected', versionNumber: number, timestamp = Date.now(), principal = 'c'.repeat(64)) =>
      recordPresence(
        { thingName: clientId, certificateId: principal, connected: eventType === 'connected', at: new Date(timestamp), order: presenceOrder({ versionNumber, eventType }) },
        { platform: service, terminalsOf: async () => service },
      ),
    count: async (tenantId: string) => (await service.entities.terminalCount.get({ tenantId }).go({ consistent: true })).data?.count ?? 0,
    setCount: async (tenantId: string, count: number) => void (await service.entities.terminalCount.put({ tenantId, count }).go()),
    closeStore: async (tenantId: string, storeId: string) => void (await service.entities.store.patch({ tenantId, storeId }).set({ status: 'closed' }).go()),
  };
};

export type TerminalKit = Awaited<ReturnType<typeof terminalKit>>;

/** A provisioning code for `storeId`, issued through the API. */
export const issueCode = async (t: Pick<TestTenant, 'token'>, storeId: string): Promise<string> => {
  const res = await call('POST', `/v1/stores/${storeId}/provisioning-codes`, { token: t.token, body: {} });
  if (res.status !== 201) throw new Error(`provisioning code: ${JSON.stringify(res.body)}`);
  return res.body.code as string;
};
