// Whether a request came from a web page of another site: a browser marks its cross-site requests
// (Sec-Fetch-Site, Origin). The local cloud's control endpoints (the gateway's /_local/, the
// sandboxes' /_sandbox/ controls) refuse them, so a page the developer happens to open cannot
// change the running cloud or make a sandbox push orders or pay.
import type { IncomingMessage } from 'node:http';

export const isCrossSite = (req: IncomingMessage): boolean => {
  const site = req.headers['sec-fetch-site'];
  const origin = req.headers.origin;
  return (site !== undefined && site !== 'same-origin' && site !== 'none') || (origin !== undefined && !/^https?:\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d+)?$/.test(origin));
};
