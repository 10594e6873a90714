// The IoT Core registry, as far as the terminals context needs it: retiring a certificate of a
// thing, and taking a thing away for good. Retiring revokes the certificate (IoT Core then refuses
// it and drops its connections) and detaches it from the thing; removing a thing retires every
// certificate attached to it, the same way, and deletes the thing. Each step tolerates its work
// being done already (UpdateCertificate is idempotent, a missing thing or certificate is done), so
// a retirement or removal that died midway finishes when it is run again.
import {
  DeleteThingCommand,
  DetachThingPrincipalCommand,
  IoTClient,
  ListThingPrincipalsCommand,
  ResourceNotFoundException,
  UpdateCertificateCommand,
} from '@aws-sdk/client-iot';

export type DeviceRegistry = {
  /**
   * Revokes one certificate of the thing and detaches it, leaving the thing and its other
   * certificates as they are. `certificateArn` is the principal, as DetachThingPrincipal takes it.
   */
  retireCertificate: (thingName: string, certificateArn: string) => Promise<void>;
  /** Revokes the thing's certificates and deletes it; returns the certificate ids revoked. */
  removeThing: (thingName: string) => Promise<string[]>;
};

const absentIsDone = async <T>(call: Promise<T>): Promise<T | undefined> => {
  try {
    return await call;
  } catch (error) {
    if (error instanceof ResourceNotFoundException) return undefined;
    throw error;
  }
};

/** A certificate principal is its ARN; the certificate id is its last segment. */
const certificateIdOf = (principal: string): string | undefined => /:cert\/([0-9a-f]{64})$/.exec(principal)?.[1];

/**
 * The ARN of a certificate in the account and region of another IoT resource's ARN (the
 * provisioning template's, which the pre-provisioning hook is given): IoT names certificates
 * `arn:<partition>:iot:<region>:<account>:cert/<id>`, and a Lambda knows no account of its own.
 */
export const certificateArnBeside = (iotArn: string, certificateId: string): string => {
  const prefix = /^arn:[^:]+:iot:[^:]+:\d{12}:/.exec(iotArn)?.[0];
  if (!prefix) throw new Error(`Not an IoT resource ARN: ${iotArn}`);
  return `${prefix}cert/${certificateId}`;
};

export const iotDeviceRegistry = (client: IoTClient = new IoTClient({})): DeviceRegistry => {
  /** The one way a certificate leaves a thing: revoked first, so it never connects again, then detached. */
  const retire = async (thingName: string, principal: string): Promise<string | undefined> => {
    const certificateId = certificateIdOf(principal);
    if (certificateId) await absentIsDone(client.send(new UpdateCertificateCommand({ certificateId, newStatus: 'REVOKED' })));
    await absentIsDone(client.send(new DetachThingPrincipalCommand({ thingName, principal })));
    return certificateId;
  };
  return {
    retireCertificate: async (thingName, certificateArn) => {
      if (!certificateIdOf(certificateArn)) throw new Error(`Not a certificate ARN: ${certificateArn}`);
      await retire(thingName, certificateArn);
    },
    removeThing: async (thingName) => {
      const principals: string[] = [];
      let nextToken: string | undefined;
      do {
        const page = await absentIsDone(client.send(new ListThingPrincipalsCommand({ thingName, nextToken })));
        principals.push(...(page?.principals ?? []));
        nextToken = page?.nextToken;
      } while (nextToken);
      const revoked: string[] = [];
      for (const principal of principals) {
        const certificateId = await retire(thingName, principal);
        if (certificateId) revoked.push(certificateId);
      }
      await absentIsDone(client.send(new DeleteThingCommand({ thingName })));
      return revoked;
    },
  };
};
