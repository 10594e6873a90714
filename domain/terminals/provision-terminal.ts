// A terminal registers with a provisioning code (IoT Core's pre-provisioning hook). The code, the
// store being open, the chain's terminal quota and the serial number being new are all conditions
// of one transaction, which also spends the code, counts the terminal, records it and audits it,
// so racing registrations neither pass the quota together nor spend one code twice.
//
// IoT Core can still fail after the hook allowed a registration, and the device then never hears
// the answer; it retries with the same code, and the same serial number finds its registration
// again instead of a spent code. Serial numbers are no secret, so that second chance is narrow: only
// while the code is still valid and only until the till has connected (its presence recorded). A
// till that connected heard its answer; a registration after that is someone else's, refused.
// The retry's certificate replaces the one recorded, and presence counts only from the recorded
// certificate (record-presence.ts), so the earlier one never speaks for the till.
//
// A thing never holds two active certificates. IoT Core's template attaches the retry's
// certificate next to the earlier one (templates attach, never revoke), so before the retry is
// allowed the earlier certificate is retired here: revoked and detached from the thing
// (`retireCertificate`, the registry's one way a certificate leaves a thing, which removal uses
// too). Only then does the record move to the retry's certificate, on condition that it still names
// the earlier one and the till has still not connected. So the record moves on from a certificate
// only once that certificate is revoked, and IoT Core activates a certificate only after the hook
// allowed it as the recorded one: every certificate a thing ever had but the recorded one is
// revoked. A retirement that fails leaves the record as it was, and the registration fails with it
// (functions/iot/pre-provisioning-hook.ts says why that is the choice); the till's next retry takes
// this same path. The outcome names the certificate retired (`supersedes`).
import { newId } from '../shared/ids.ts';
import { isConditionalCheckFailed } from '../shared/dynamo.ts';
import type { Clock } from '../shared/clock.ts';
import { ROLES, type Role, type TenantContext } from '../shared/tenancy.ts';
import { auditEntry } from '../audit/audit.ts';
import { hashProvisioningCode, isWellFormedProvisioningCode } from './provisioning-codes.ts';
import type { TerminalQuota } from './terminal-quota.ts';
import type { TerminalService } from './terminal-service.ts';

type Refusal = 'malformed' | 'unknown_code' | 'code_expired' | 'code_used' | 'store_not_active' | 'quota_exceeded' | 'serial_registered';

export type ProvisioningOutcome =
  | { allowed: true; replayed: boolean; tenantId: string; storeId: string; thingName: string; /** The earlier certificate a retry replaced, revoked and detached. */ supersedes?: string }
  | { allowed: false; reason: Refusal };

type ProvisioningRequest = { code: string; serialNumber: string; certificateId: string };

type Deps = {
  /** Finds codes before the tenant is known. */
  platform: TerminalService;
  terminalsOf: (tenantId: string) => Promise<TerminalService>;
  quota: TerminalQuota;
  clock: Clock;
  /** Revokes a certificate of the thing and detaches it (device-registry.ts); throws when it could not. */
  retireCertificate: (thingName: string, certificateId: string) => Promise<void>;
};

const SERIAL = /^[A-Za-z0-9:_.-]{1,64}$/;
const refuse = (reason: Refusal): ProvisioningOutcome => ({ allowed: false, reason });
const readCode = async (codeHash: string, service: TerminalService) =>
  (await service.entities.provisioningCode.get({ codeHash }).go({ consistent: true })).data;
type Code = NonNullable<Awaited<ReturnType<typeof readCode>>>;

const isExpired = (code: Code, now: Date) => Date.parse(code.validUntil) <= now.getTime();

/**
 * A code this terminal already spent: its own registration, answered again with the certificate it
 * now holds, unless the code has expired, the terminal has connected (so it had its answer) or it
 * has been removed (a removed terminal needs a new code). A new certificate first retires the one
 * recorded; the record then moves to the new one only if it still names the retired one and the till
 * has not connected, so a retry racing the till's first connection, or another retry, loses. (The
 * loser may have revoked the recorded certificate already: a till racing a stranger's "retry" with
 * its code and serial within that window is left without a certificate rather than sharing its
 * thing, and is removed and registered again.)
 */
const replayOf = async (code: Code, request: ProvisioningRequest, deps: Deps): Promise<ProvisioningOutcome | undefined> => {
  const { tenantId, storeId, thingName } = code;
  if (code.status !== 'used' || code.serialNumber !== request.serialNumber || !thingName) return undefined;
  if (isExpired(code, deps.clock.now())) return undefined;
  const service = await deps.terminalsOf(tenantId);
  const { data: terminal } = await service.entities.terminal.get({ tenantId, thingName }).go({ consistent: true });
  if (!terminal || terminal.presenceOrder !== undefined) return undefined;
  const replay = { allowed: true as const, replayed: true, tenantId, storeId, thingName };
  // IoT Core asking again for the certificate already recorded: nothing to retire or move.
  if (terminal.certificateId === request.certificateId) return replay;

  const supersedes = terminal.certificateId;
  await deps.retireCertificate(thingName, supersedes);
  const { data } = await service.entities.terminal
    .patch({ tenantId, thingName })
    .set({ certificateId: request.certificateId })
    .where((a, { eq, notExists }) => `${notExists(a.presenceOrder)} AND ${eq(a.certificateId, supersedes)}`)
    .go({ response: 'all_old' })
    .catch((error: unknown) => {
      if (isConditionalCheckFailed(error)) return { data: undefined };
      throw error;
    });
  return data ? { ...replay, supersedes } : undefined;
};

const issuerOf = (code: Code): TenantContext => ({
  tenantId: code.tenantId,
  userId: code.issuedBy,
  role: (ROLES as readonly string[]).includes(code.issuedByRole) ? (code.issuedByRole as Role) : 'field_engineer',
  storeIds: [code.storeId],
});

export const provisionTerminal = async (request: ProvisioningRequest, deps: Deps): Promise<ProvisioningOutcome> => {
  if (!isWellFormedProvisioningCode(request.code) || !SERIAL.test(request.serialNumber)) return refuse('malformed');
  const codeHash = hashProvisioningCode(request.code);
  const code = await readCode(codeHash, deps.platform);
  if (!code) return refuse('unknown_code');
  const replay = await replayOf(code, request, deps);
  if (replay) return replay;
  if (code.status === 'used') return refuse('code_used');
  const now = deps.clock.now();
  if (isExpired(code, now)) return refuse('code_expired');

  const { tenantId, storeId } = code;
  const [service, { limit }] = await Promise.all([deps.terminalsOf(tenantId), deps.quota(tenantId)]);
  const thingName = newId('terminal', now.getTime());
  const at = now.toISOString();
  const terminal = { tenantId, thingName, storeId, serialNumber: request.serialNumber, certificateId: request.certificateId, provisionedAt: at, provisionedBy: code.issuedBy };
  const after = { storeId, serialNumber: request.serialNumber };
  const { canceled, data } = await service.transaction
    .write(({ provisioningCode, store, terminalCount, terminalSerial, terminal: t, terminalDirectory, auditEntry: audit }) => [
      provisioningCode
        .patch({ codeHash })
        .set({ status: 'used', usedAt: at, thingName, serialNumber: request.serialNumber })
        .where((a, { eq, gt }) => `${eq(a.status, 'open')} AND ${gt(a.validUntil, at)}`)
        .commit(),
      store.check({ tenantId, storeId }).where((a, { eq }) => eq(a.status, 'active')).commit(),
      terminalCount
        .update({ tenantId })
        .add({ count: 1 })
        .where((a, { notExists, lt }) => `${notExists(a.count)} OR ${lt(a.count, limit)}`)
        .commit(),
      terminalSerial.create({ tenantId, serialNumber: request.serialNumber, thingName }).commit(),
      t.create(terminal).commit(),
      terminalDirectory.create({ thingName, tenantId }).commit(),
      audit.create(auditEntry(issuerOf(code), { action: 'terminal.provisioned', targetType: 'terminal', targetId: thingName, after }, now)).commit(),
    ])
    .go();
  if (!canceled) return { allowed: true, replayed: false, tenantId, storeId, thingName };

  const failed = data.map((d) => d.code === 'ConditionalCheckFailed');
  if (failed[0]) {
    // Another registration spent the code first: the same terminal's retry, or someone else's.
    const spent = await readCode(codeHash, deps.platform);
    return (spent && (await replayOf(spent, request, deps))) ?? refuse(spent?.status === 'used' ? 'code_used' : 'code_expired');
  }
  if (failed[1]) return refuse('store_not_active');
  if (failed[2]) return refuse('quota_exceeded');
  if (failed[3]) return refuse('serial_registered');
  throw new Error(`Terminal registration canceled: ${JSON.stringify(data.map((d) => d.code))}`);
};
