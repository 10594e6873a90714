// `npm run terminal:provision -- --code XXXX-XXXX-XXXX`: a till registering itself the way a
// field engineer sets one up on the shop floor. It connects with the fleet claim certificate,
// registers with the code through the terminals provisioning template, and keeps the identity it
// got (thing name, certificate, key) in `.local/terminals/<thing>.json` for the terminal to use.
//
// Against `npm start` it needs only the code: the MQTT endpoint and certificates are the local
// cloud's (`--mqtt`, default mqtts://localhost:$MQTT_PORT or 8883; `--iot-dir`, default .local/iot).
// Against AWS, pass the IoT data endpoint, the Amazon root CA, the claim certificate and the
// stage's template name (`--template storefleet-<stage>-terminals`).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { randomBytes } from 'node:crypto';
import { parseMqttUrl } from '../iot/device/mqtt-connection.ts';
import { provisionByClaim } from '../iot/device/provision-by-claim.ts';
import { DEVICE_PARAMETERS, TERMINAL_TEMPLATE } from '../iot/provisioning-template.ts';

const { values: args } = parseArgs({
  options: {
    code: { type: 'string' },
    serial: { type: 'string', default: `SN-${randomBytes(4).toString('hex').toUpperCase()}` },
    mqtt: { type: 'string', default: `mqtts://localhost:${process.env.MQTT_PORT ?? 8883}` },
    'iot-dir': { type: 'string', default: '.local/iot' },
    ca: { type: 'string' },
    'claim-cert': { type: 'string' },
    'claim-key': { type: 'string' },
    template: { type: 'string', default: TERMINAL_TEMPLATE },
    out: { type: 'string', default: '.local/terminals' },
  },
});

if (!args.code) {
  console.error('Usage: npm run terminal:provision -- --code XXXX-XXXX-XXXX [--serial SN-...]\nGet a code: POST /v1/stores/{storeId}/provisioning-codes as a field engineer or HQ admin.');
  process.exit(2);
}

const dir = args['iot-dir'];
const read = (path: string) => readFileSync(path, 'utf8');
try {
  const device = await provisionByClaim({
    ...parseMqttUrl(args.mqtt),
    caPath: args.ca ?? join(dir, 'ca.pem'),
    claimCert: read(args['claim-cert'] ?? join(dir, 'claim.pem')),
    claimKey: read(args['claim-key'] ?? join(dir, 'claim.key')),
    clientId: `claim-${args.serial}`,
    template: args.template,
    parameters: { [DEVICE_PARAMETERS.code]: args.code, [DEVICE_PARAMETERS.serialNumber]: args.serial },
  });
  mkdirSync(args.out, { recursive: true });
  const path = join(args.out, `${device.thingName}.json`);
  writeFileSync(path, JSON.stringify({ ...device, serialNumber: args.serial }, null, 2), { mode: 0o600 });
  console.log(`Registered terminal ${device.thingName} (serial ${args.serial}); identity kept in ${path}`);
  process.exit(0);
} catch (error) {
  // IoT Core tells a refused till only "AccessDenied": the hook's log says why (spent or expired
  // code, closed store, quota, serial already registered).
  console.error(`Registration refused: ${(error as Error).message}`);
  process.exit(1);
}
