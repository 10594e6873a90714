// The demo chain's tills: the field engineer gets provisioning codes for the first store and two
// tills register themselves with them through the local IoT Core, exactly as on the shop floor.
// Their keys are not kept (nothing runs as them); `npm run terminal:provision` makes a till whose
// identity is. Skipped when the store has tills already (a persisted chain, a second start).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseMqttUrl } from '../iot/device/mqtt-connection.ts';
import { provisionByClaim } from '../iot/device/provision-by-claim.ts';
import { DEVICE_PARAMETERS } from '../iot/provisioning-template.ts';
import { expectOk, type SeedCall } from './seed-http.ts';

export const DEMO_TILLS = ['JJ-POS-0001', 'JJ-POS-0002'];

export type FleetEndpoint = { mqttUrl: string; iotDir: string };

export const seedTerminals = async (call: SeedCall, engineerToken: string, storeId: string, fleet: FleetEndpoint): Promise<number> => {
  const existing = expectOk('the first store’s tills', await call('GET', `/v1/terminals?storeId=${storeId}`, undefined, engineerToken)).body.data as unknown[];
  if (existing.length > 0) return existing.length;
  const read = (file: string) => readFileSync(join(fleet.iotDir, file), 'utf8');
  const endpoint = { ...parseMqttUrl(fleet.mqttUrl), ca: read('ca.pem'), claimCert: read('claim.pem'), claimKey: read('claim.key') };
  for (const serialNumber of DEMO_TILLS) {
    const { code } = expectOk('a provisioning code', await call('POST', `/v1/stores/${storeId}/provisioning-codes`, {}, engineerToken)).body;
    await provisionByClaim({ ...endpoint, clientId: `claim-${serialNumber}`, parameters: { [DEVICE_PARAMETERS.code]: code, [DEVICE_PARAMETERS.serialNumber]: serialNumber } });
  }
  return DEMO_TILLS.length;
};
