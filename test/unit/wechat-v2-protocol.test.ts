// WeChat Pay API v2's signature and XML (domain/payments/providers/wechat/v2-protocol.ts), against
// the example WeChat Pay documents for its signature algorithm (签名算法): the same fields, key and
// expected MD5 and HMAC-SHA256 signatures.
import { describe, expect, it } from 'vitest';
import { fromXml, sign, signed, signingString, toXml, verify } from '../../domain/payments/providers/wechat/v2-protocol.ts';

const documented = { appid: 'wxd930ea5d5a258f4f', mch_id: '10000100', device_info: '1000', body: 'test', nonce_str: 'ibuaiVcKdpRxkhJA' };
const key = '192006250b4c09247ec02edce69f6a2d';

describe('WeChat Pay v2 signatures', () => {
  it("signs WeChat's documented example as WeChat does, MD5 and HMAC-SHA256", () => {
    expect(signingString(documented, key)).toBe('appid=wxd930ea5d5a258f4f&body=test&device_info=1000&mch_id=10000100&nonce_str=ibuaiVcKdpRxkhJA&key=192006250b4c09247ec02edce69f6a2d');
    expect(sign(documented, key)).toBe('9A0A8659F005D6984697E2CA0A9CF3B7');
    expect(sign(documented, key, 'HMAC-SHA256')).toBe('6A9AE1657590FD6257D693A078E1C3E4BB6BA4DC30B23E0EE2496E54170DACD6');
  });

  it('leaves out empty fields and the signature itself, and verifies by the sign_type a document names', () => {
    expect(sign({ ...documented, attach: '', sign: 'X' }, key)).toBe('9A0A8659F005D6984697E2CA0A9CF3B7');
    const md5 = signed({ a: '1' }, key);
    const hmac = signed({ a: '1' }, key, 'HMAC-SHA256');
    expect(hmac.sign_type).toBe('HMAC-SHA256');
    expect([verify(md5, key), verify(hmac, key)]).toEqual([true, true]);
    expect([verify({ ...md5, a: '2' }, key), verify(md5, 'another-key'), verify({ ...hmac, sign_type: 'MD5' }, key), verify({ a: '1' }, key)]).toEqual([false, false, false, false]);
  });
});

describe('WeChat Pay v2 XML', () => {
  it('writes every value as CDATA and reads back text exactly, leading zeros and markup included', () => {
    const fields = { return_code: 'SUCCESS', total_fee: '0100', body: '可乐 <330ml> & ]]> 薯片' };
    expect(toXml({ return_code: 'SUCCESS' })).toBe('<xml><return_code><![CDATA[SUCCESS]]></return_code></xml>');
    expect(fromXml(toXml(fields))).toEqual(fields);
    expect(fromXml('<xml><appid>wx1</appid><total_fee>100</total_fee><a><![CDATA[0012]]></a></xml>')).toEqual({ appid: 'wx1', total_fee: '100', a: '0012' });
  });

  it('refuses what is not a flat v2 document', () => {
    expect(() => fromXml('<root><a>1</a></root>')).toThrow(/no <xml> root/);
    expect(() => fromXml('<xml><a><b>1</b></a></xml>')).toThrow(/not text/);
    expect(() => fromXml('not xml at all')).toThrow();
  });
});
