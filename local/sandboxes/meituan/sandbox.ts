// A local stand-in for the Meituan Shangou open platform, started with the local cloud (`npm
// start`, and the test cloud): it signs and sends pushes to our webhook, serves the open-API calls
// our adapter makes (MEITUAN_API_URL points the functions here, function-env.ts) and records what
// it received. Only for this machine: it listens on localhost, and its control endpoints refuse
// cross-site requests as the gateway's /_local/ ones do, so no web page can make it push orders.
import { createServer } from 'node:http';
import { isCrossSite } from '../../cross-site.ts';
import { readBody, sendJson as send } from '../sandbox-http.ts';
import { ZodError } from 'zod';
import { answerApiCall } from './platform-api.ts';
import { answerControl, SandboxRequestError } from './control-api.ts';
import { createSandboxState, type SandboxState } from './state.ts';

export type MeituanSandbox = {
  /** `http://localhost:<port>`: the control endpoints are under /_sandbox/. */
  url: string;
  /** The open API's base URL, as the adapter's MEITUAN_API_URL. */
  apiUrl: string;
  state: SandboxState;
  stop: () => Promise<void>;
};

export const startMeituanSandbox = async (port = 0): Promise<MeituanSandbox> => {
  const state = createSandboxState();
  let baseUrl = '';
  const server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://localhost');
      const body = await readBody(req);
      if (url.pathname.startsWith('/api/v1/')) return send(res, 200, answerApiCall(state, baseUrl, req, url, body));
      if (url.pathname.startsWith('/_sandbox/')) {
        if (isCrossSite(req)) return send(res, 403, { error: 'the sandbox refuses cross-site requests' });
        const answer = await answerControl(state, req.method ?? 'GET', url, body);
        return send(res, answer.status, answer.body);
      }
      return send(res, 404, { error: 'not found' });
    })().catch((error: unknown) => {
      const known = error instanceof SandboxRequestError || error instanceof ZodError || error instanceof SyntaxError;
      if (!known) console.error('[sandbox:meituan]', error);
      if (!res.headersSent) send(res, known ? 400 : 500, { error: (error as Error).message });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, 'localhost', () => resolve());
  });
  const address = server.address();
  baseUrl = `http://localhost:${typeof address === 'object' && address ? address.port : port}`;
  return {
    url: baseUrl,
    apiUrl: `${baseUrl}/api/v1`,
    state,
    stop: () => new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
};
