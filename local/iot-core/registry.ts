// The IoT Core registry, locally: things and their attributes, certificates and their status, which
// certificates (principals) are attached to which things, and which policies to which certificates.
// Kept as one JSON file when the local cloud persists, so provisioned terminals survive a restart.
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';
import type { IotArns } from './arns.ts';

export const CERTIFICATE_STATUSES = ['ACTIVE', 'INACTIVE', 'REVOKED', 'PENDING_TRANSFER', 'REGISTER_INACTIVE', 'PENDING_ACTIVATION'] as const;
export const CertificateStatus = z.enum(CERTIFICATE_STATUSES);
export type CertificateStatus = z.infer<typeof CertificateStatus>;

const Thing = z.object({ thingName: z.string(), thingId: z.string(), attributes: z.record(z.string(), z.string()), version: z.number().int() });
export type Thing = z.infer<typeof Thing>;

const Certificate = z.object({
  certificateId: z.string(),
  certificatePem: z.string(),
  status: CertificateStatus,
  /** Epoch milliseconds. */
  creationDate: z.number(),
  lastModifiedDate: z.number(),
  policies: z.array(z.string()),
});
export type Certificate = z.infer<typeof Certificate>;

const State = z.object({
  things: z.record(z.string(), Thing).default({}),
  certificates: z.record(z.string(), Certificate).default({}),
  /** Thing name -> certificate ids attached to it. */
  principals: z.record(z.string(), z.array(z.string())).default({}),
});
type State = z.infer<typeof State>;

export class RegistryError extends Error {
  constructor(
    readonly code: 'ResourceNotFoundException' | 'InvalidRequestException' | 'CertificateStateException',
    message: string,
  ) {
    super(message);
    this.name = code;
  }
}

type StatusListener = (certificateId: string, status: CertificateStatus) => void;

export type IotRegistry = ReturnType<typeof createIotRegistry>;

/** `file`: where to keep the registry across restarts; in memory only without it. */
export const createIotRegistry = (arns: IotArns, file?: string) => {
  const state: State = file && existsSync(file) ? State.parse(JSON.parse(readFileSync(file, 'utf8'))) : State.parse({});
  const listeners: StatusListener[] = [];
  const save = () => {
    if (!file) return;
    mkdirSync(dirname(file), { recursive: true });
    // Written aside and renamed, so a crash mid-write never leaves half a registry.
    writeFileSync(`${file}.tmp`, JSON.stringify(state, null, 2), { mode: 0o600 });
    renameSync(`${file}.tmp`, file);
  };
  const certificate = (id: string): Certificate => {
    const found = state.certificates[id];
    if (!found) throw new RegistryError('ResourceNotFoundException', `The certificate ${id} does not exist`);
    return found;
  };
  const thing = (name: string): Thing => {
    const found = state.things[name];
    if (!found) throw new RegistryError('ResourceNotFoundException', `Thing ${name} cannot be found.`);
    return found;
  };
  /** ARN or bare id; IoT's principal APIs take certificate ARNs. */
  const certificateIdOf = (principal: string) => principal.slice(principal.lastIndexOf('/') + 1);

  return {
    findCertificate: (id: string): Certificate | undefined => state.certificates[id],
    certificate,
    thing,
    findThing: (name: string): Thing | undefined => state.things[name],
    /** Registers a certificate, or leaves one already registered (the claim certificate at each start) as it is. */
    registerCertificate: (certificateId: string, certificatePem: string, status: CertificateStatus, policies: string[] = []): Certificate => {
      const now = Date.now();
      state.certificates[certificateId] ??= { certificateId, certificatePem, status, creationDate: now, lastModifiedDate: now, policies };
      save();
      return state.certificates[certificateId];
    },
    updateCertificate: (id: string, status: CertificateStatus) => {
      const cert = certificate(id);
      // IoT Core never brings a revoked certificate back.
      if (cert.status === 'REVOKED' && status !== 'REVOKED') throw new RegistryError('CertificateStateException', `Certificate ${id} is revoked`);
      Object.assign(cert, { status, lastModifiedDate: Date.now() });
      save();
      for (const listener of listeners) listener(id, status);
    },
    attachPolicy: (policyName: string, certId: string) => {
      const cert = certificate(certId);
      if (!cert.policies.includes(policyName)) cert.policies.push(policyName);
      save();
    },
    /** Creates the thing or replaces its attributes (the template's `AttributePayload: REPLACE`). */
    upsertThing: (thingName: string, attributes: Record<string, string>): Thing => {
      const existing = state.things[thingName];
      state.things[thingName] = existing
        ? { ...existing, attributes, version: existing.version + 1 }
        : { thingName, thingId: randomUUID(), attributes, version: 1 };
      save();
      return state.things[thingName];
    },
    /** IoT Core refuses to delete a thing that still has principals; a missing thing is no error. */
    deleteThing: (thingName: string) => {
      if (!state.things[thingName]) return;
      if (state.principals[thingName]?.length)
        throw new RegistryError('InvalidRequestException', `Cannot delete. Thing ${thingName} is still attached to one or more principals`);
      delete state.things[thingName];
      delete state.principals[thingName];
      save();
    },
    attachThingPrincipal: (thingName: string, principal: string) => {
      thing(thingName);
      const id = certificateIdOf(principal);
      certificate(id);
      const attached = (state.principals[thingName] ??= []);
      if (!attached.includes(id)) attached.push(id);
      save();
    },
    detachThingPrincipal: (thingName: string, principal: string) => {
      thing(thingName);
      const id = certificateIdOf(principal);
      state.principals[thingName] = (state.principals[thingName] ?? []).filter((c) => c !== id);
      save();
    },
    /** Certificate ARNs attached to the thing. */
    thingPrincipals: (thingName: string): string[] => (thing(thingName), (state.principals[thingName] ?? []).map(arns.certificate)),
    isAttached: (thingName: string, certId: string): boolean => Boolean(state.things[thingName] && state.principals[thingName]?.includes(certId)),
    onStatusChange: (listener: StatusListener) => void listeners.push(listener),
  };
};
