// The IoT Core registry, as far as the terminals context needs it: taking a thing away for good.
// Every certificate attached to the thing is revoked (IoT Core then refuses and drops its
// connections) and detached, and the thing deleted. Each step tolerates its work being done
// already, so a removal that died midway finishes when it is run again.
import {
  DeleteThingCommand,
  DetachThingPrincipalCommand,
  IoTClient,
  ListThingPrincipalsCommand,
  ResourceNotFoundException,
  UpdateCertificateCommand,
} from '@aws-sdk/client-iot';

export type DeviceRegistry = {
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

export const iotDeviceRegistry = (client: IoTClient = new IoTClient({})): DeviceRegistry => ({
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
      const certificateId = certificateIdOf(principal);
      if (certificateId) {
        await absentIsDone(client.send(new UpdateCertificateCommand({ certificateId, newStatus: 'REVOKED' })));
        revoked.push(certificateId);
      }
      await absentIsDone(client.send(new DetachThingPrincipalCommand({ thingName, principal })));
    }
    await absentIsDone(client.send(new DeleteThingCommand({ thingName })));
    return revoked;
  },
});
