// The payment providers' sandboxes (API.md "Provider sandboxes"), one local server started with
// the local cloud: each provider's merchant protocol under /_sandbox/<provider>/ (that prefix is
// the base URL a merchant's SDK is given), and the sandbox's own controls beside it. WeChat Pay
// API v2 for now. Merchants are the tenants, with keys derived from the sandbox's secret
// (domain/payments/providers/sandbox-merchants.ts). Local only: it listens on localhost, and its
// controls refuse cross-site requests.
import { createServer } from 'node:http';
import { isCrossSite } from '../../cross-site.ts';
import { readBody, sendJson, sendText } from '../sandbox-http.ts';
import { answerWechatV2, isWechatV2Path } from './wechat-v2.ts';
import { createTradeBook, type TradeBook } from './wechat-trades.ts';

export type PaymentSandboxes = {
  /** `http://localhost:<port>`. */
  url: string;
  /** The base URL a WeChat Pay SDK is pointed at. */
  wechatGateway: string;
  wechat: TradeBook;
  stop: () => Promise<void>;
};

const WECHAT = '/_sandbox/wechat/';

export const startPaymentSandboxes = async (secret: string, port = 0): Promise<PaymentSandboxes> => {
  const wechat = createTradeBook();
  const server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://localhost');
      const body = await readBody(req);
      if (url.pathname.startsWith(WECHAT)) {
        const path = url.pathname.slice(WECHAT.length);
        if (req.method === 'POST' && isWechatV2Path(path)) return sendText(res, 200, 'text/xml; charset=utf-8', answerWechatV2(wechat, secret, path, body));
        // The sandbox's own record of a merchant's trades: what tests compare our ledger with.
        if (req.method === 'GET' && path === '_trades') {
          if (isCrossSite(req)) return sendJson(res, 403, { error: 'the sandbox refuses cross-site requests' });
          const mchId = url.searchParams.get('mchId');
          return sendJson(res, 200, { data: wechat.all().filter((t) => !mchId || t.mchId === mchId) });
        }
      }
      return sendJson(res, 404, { error: 'not found' });
    })().catch((error: unknown) => {
      console.error('[sandbox:payments]', error);
      if (!res.headersSent) sendJson(res, 500, { error: (error as Error).message });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, 'localhost', () => resolve());
  });
  const address = server.address();
  const url = `http://localhost:${typeof address === 'object' && address ? address.port : port}`;
  return {
    url,
    wechatGateway: `${url}${WECHAT}`,
    wechat,
    stop: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
};
