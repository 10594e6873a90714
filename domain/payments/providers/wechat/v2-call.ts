// One call to WeChat Pay API v2 as a merchant: the request signed with the merchant's API v2 key
// (HMAC-SHA256), the answer believed only once its signature and merchant number check out. An
// answer we did not get (a timeout, a broken connection, a malformed or unsigned reply) is not a
// refusal: the caller treats it as undecided and queries. The client certificate secapi calls need
// in production is the transport's concern (a live merchant's mTLS agent); the sandbox takes
// plain HTTP.
import { fromXml, signed, toXml, verify, type V2Fields } from './v2-protocol.ts';

export type WechatV2Merchant = { appId: string; mchId: string; apiKey: string; /** Ends with a slash. */ gateway: string };

const CALL_TIMEOUT_MS = 10_000;

export type Reply = { ok: true; fields: V2Fields } | { ok: false; why: string };

export const callV2 = async (m: WechatV2Merchant, path: string, fields: V2Fields): Promise<Reply> => {
  try {
    const res = await fetch(`${m.gateway}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'text/xml; charset=utf-8' },
      body: toXml(signed({ appid: m.appId, mch_id: m.mchId, ...fields }, m.apiKey, 'HMAC-SHA256')),
      signal: AbortSignal.timeout(CALL_TIMEOUT_MS),
    });
    const answer = fromXml(await res.text());
    if (answer.return_code !== 'SUCCESS') return { ok: false, why: `return_code ${answer.return_code}: ${answer.return_msg ?? ''}` };
    if (!verify(answer, m.apiKey) || answer.mch_id !== m.mchId) return { ok: false, why: 'the answer is not signed by our merchant key' };
    return { ok: true, fields: answer };
  } catch (error) {
    return { ok: false, why: (error as Error).message };
  }
};
