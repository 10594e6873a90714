// Binding servers to ports with an error that says what to do when the port is taken.
import type { Server } from 'node:net';
import { createServer } from 'node:net';

export class PortInUseError extends Error {
  constructor(what: string, port: number) {
    super(`${what} cannot listen on port ${port}: it is already in use. Stop whatever holds it or choose another port.`);
    this.name = 'PortInUseError';
  }
}

export const listen = (server: Server, port: number, what: string, host = '127.0.0.1'): Promise<number> =>
  new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) =>
      reject(error.code === 'EADDRINUSE' ? new PortInUseError(what, port) : error);
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : port);
    });
  });

/** A port free right now, for engines that must be told a port rather than handed a socket. */
export const freePort = async (): Promise<number> => {
  const probe = createServer();
  const port = await listen(probe, 0, 'port probe');
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
};

/** Fails fast with PortInUseError when `port` is taken (0 means any port, never taken). */
export const ensurePortFree = async (port: number, what: string): Promise<void> => {
  if (port === 0) return;
  const probe = createServer();
  await listen(probe, port, what);
  await new Promise<void>((resolve) => probe.close(() => resolve()));
};
