// Routing a scanned payment code to its wallet by API.md's default prefix table (domain/payments/routing.ts).
import { describe, expect, it } from 'vitest';
import { routeAuthCode } from '../../domain/payments/routing.ts';

describe('auth-code routing', () => {
  it("names each wallet by its codes' length and leading digits", () => {
    expect(routeAuthCode({ authCode: '134567890123456789' })).toBe('wechat');
    expect(routeAuthCode({ authCode: '104567890123456789', method: 'auto' })).toBe('wechat');
    expect(routeAuthCode({ authCode: '2812345678901234' })).toBe('alipay');
    expect(routeAuthCode({ authCode: '301234567890123456789012' })).toBe('alipay');
    expect(routeAuthCode({ authCode: '6212345678901234567' })).toBe('unionpay');
    expect(routeAuthCode({ authCode: '0112345678901234567' })).toBe('ecny');
    expect(routeAuthCode({ authCode: '134567890123456789', method: 'wechat' })).toBe('wechat');
  });

  it('refuses a code no wallet issues, and one that is not the named wallet’s', () => {
    for (const authCode of ['164567890123456789', '13456789012345678', '2412345678901234', '311234567890123456', '6312345678901234567', '990000000000000000', ''])
      expect(() => routeAuthCode({ authCode }), authCode).toThrow(expect.objectContaining({ code: 'validation_failed' }));
    expect(() => routeAuthCode({ authCode: '134567890123456789', method: 'alipay' })).toThrow(/An alipay payment code is 16 to 24 digits starting 25 to 30/);
  });
});
