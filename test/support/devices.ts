// A till as tests play it: the run's MQTT endpoint and claim certificate, fleet provisioning with a
// code through the real device SDK, and the IoT control plane to look at what IoT Core registered.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { IoTClient } from '@aws-sdk/client-iot';
import { connectTerminal } from '../../iot/device/connect-terminal.ts';
import { parseMqttUrl } from '../../iot/device/mqtt-connection.ts';
import { provisionByClaim, type ProvisionedDevice } from '../../iot/device/provision-by-claim.ts';
import { DEVICE_PARAMETERS } from '../../iot/provisioning-template.ts';

type CloudEndpoints = { mqttUrl: string; iotDir: string; endpoints: { iot: string } };

export const newSerial = () => `SN-${randomBytes(5).toString('hex').toUpperCase()}`;

export const fleetOf = (cloud: CloudEndpoints) => {
  const endpoint = { ...parseMqttUrl(cloud.mqttUrl), caPath: join(cloud.iotDir, 'ca.pem') };
  const claim = { claimCert: readFileSync(join(cloud.iotDir, 'claim.pem'), 'utf8'), claimKey: readFileSync(join(cloud.iotDir, 'claim.key'), 'utf8') };
  return {
    iot: new IoTClient({ endpoint: cloud.endpoints.iot, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }),
    /** A new till keyed with `code` registers itself, as it would on the shop floor. */
    provision: (code: string, serialNumber = newSerial()): Promise<ProvisionedDevice & { serialNumber: string }> =>
      provisionByClaim({
        ...endpoint,
        ...claim,
        clientId: `provision-${serialNumber}`,
        parameters: { [DEVICE_PARAMETERS.code]: code, [DEVICE_PARAMETERS.serialNumber]: serialNumber },
      }).then((device) => ({ ...device, serialNumber })),
    connect: (device: ProvisionedDevice) => connectTerminal({ ...endpoint, ...device }),
  };
};
