// Tenant A's till in S1 for the walk, registered the way tills are: a provisioning code from HQ,
// then fleet provisioning by claim through the cloud's MQTT endpoint. Its thing name, serial number
// and certificate are S1's: S2's staff and other tenants may see none of them.
import type { Api } from './client.ts';
import { fleetOf, newSerial } from '../support/devices.ts';

export type TerminalRecords = { terminalId: string };
export type FleetEndpoints = Parameters<typeof fleetOf>[0];

export const terminalRecords = async (api: Api, fleetEndpoints: FleetEndpoints, a: { token: string; s1Id: string }) => {
  const issued = await api.call('POST', `/v1/stores/${a.s1Id}/provisioning-codes`, { token: a.token, body: {} });
  if (issued.status !== 201) throw new Error(`provisioning code: ${issued.status} ${issued.text}`);
  const fleet = fleetOf(fleetEndpoints);
  const serialNumber = newSerial();
  const device = await fleet.provision(issued.body.code, serialNumber).finally(() => fleet.iot.destroy());
  // Each read route once now, so its function is started before the walk's first snapshot.
  for (const path of [`/v1/terminals/${device.thingName}`, `/v1/terminals?storeId=${a.s1Id}`]) {
    const res = await api.call('GET', path, { token: a.token });
    if (res.status !== 200) throw new Error(`warming ${path}: ${res.status} ${res.text}`);
  }
  const store1: [string, string][] = [
    [device.thingName, 'A S1 terminal id'],
    [serialNumber, 'A S1 terminal serial number'],
    [device.certificateId, 'A S1 terminal certificate id'],
  ];
  return { a: { terminalId: device.thingName } satisfies TerminalRecords, store1 };
};
