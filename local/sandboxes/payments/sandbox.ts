// The payment providers' sandboxes (API.md "Provider sandboxes"), one local server started with
// the local cloud: each provider's merchant protocol under /_sandbox/<provider>/ (that prefix is
// the base URL a merchant's SDK is given), and the sandbox's own controls beside it: WeChat Pay
// API v2 and Alipay's OpenAPI gateway. Merchants are the tenants, with keys derived from the
// sandbox's secret, and for Alipay the key pairs made at start
// (domain/payments/providers/sandbox-merchants.ts). Local only: it listens on localhost, and its
// controls refuse cross-site requests.
import { createServer } from 'node:http';
import { isCrossSite } from '../../cross-site.ts';
import { readBody, sendJson, sendText } from '../sandbox-http.ts';
import { answerWechatV2, isWechatV2Path } from './wechat-v2.ts';
import { createTradeBook, type TradeBook } from './wechat-trades.ts';
import { answerAlipay } from './alipay-gateway.ts';
import type { AlipaySandboxKeys } from '../../../domain/payments/providers/sandbox-merchants.ts';

export type PaymentSandboxes = {
  /** `http://localhost:<port>`. */
  url: string;
  /** The base URL a WeChat Pay SDK is pointed at. */
  wechatGateway: string;
  wechat: TradeBook;
  alipay: TradeBook;
  stop: () => Promise<void>;
};

const WECHAT = '/_sandbox/wechat/';
const ALIPAY = '/_sandbox/alipay/';

export const startPaymentSandboxes = async (secret: string, alipayKeys: AlipaySandboxKeys, port = 0): Promise<PaymentSandboxes> => {
  const wechat = createTradeBook();
  const alipay = createTradeBook();
  /** The sandbox's own record of a merchant's trades: what tests compare our payments with. */
  const tradesOf = (book: TradeBook, merchant: string | null) => book.all().filter((t) => !merchant || t.mchId === merchant);
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
          return sendJson(res, 200, { data: tradesOf(wechat, url.searchParams.get('mchId')) });
        }
      }
      if (url.pathname.startsWith(ALIPAY)) {
        const path = url.pathname.slice(ALIPAY.length);
        if (req.method === 'POST' && path === 'gateway.do') return sendText(res, 200, 'application/json; charset=utf-8', answerAlipay(alipay, alipayKeys, url.searchParams, body));
        if (req.method === 'GET' && path === '_trades') {
          if (isCrossSite(req)) return sendJson(res, 403, { error: 'the sandbox refuses cross-site requests' });
          return sendJson(res, 200, { data: tradesOf(alipay, url.searchParams.get('appId')) });
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
    alipay,
    stop: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
};
