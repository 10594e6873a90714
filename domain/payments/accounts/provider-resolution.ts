// Which adapter a tenant's payment goes to, as its provider account says: the sandbox's (the
// default, and what every chain starts with in the local cloud), or the provider itself with the
// chain's own credentials, opened from their ciphertext. A mode with nothing behind it is
// 422 payment_method_unavailable, never silently the other one.
import type { Cipher } from '../../shared/crypto/cipher.ts';
import type { StockService } from '../../inventory/stock-service.ts';
import { PaymentMethodUnavailableError } from '../errors.ts';
import type { WalletProvider } from '../routing.ts';
import type { BarcodeProvider } from '../providers/provider.ts';
import { barcodeProviderFor } from '../providers/registry.ts';
import { alipayBarcode } from '../providers/alipay/trade.ts';
import { openCredentials, readProviderAccount } from './provider-accounts.ts';
import type { AlipayCredentials } from './schemas.ts';
import type { z } from 'zod';

/** Alipay's own OpenAPI gateway. */
export const ALIPAY_GATEWAY = 'https://openapi.alipay.com/gateway.do';

/** `cipher` is asked for only when a live account's keys must be opened. */
export const providersFor =
  (service: StockService, cipher: () => Cipher) =>
  async (tenantId: string, provider: WalletProvider): Promise<BarcodeProvider> => {
    const account = await readProviderAccount(tenantId, provider, service);
    if (!account || account.mode === 'sandbox') return barcodeProviderFor(tenantId, provider);
    if (provider === 'alipay' && account.credentialsCipher) {
      const c = (await openCredentials(account, cipher())) as z.infer<typeof AlipayCredentials>;
      return alipayBarcode({ appId: c.appId, appPrivateKey: c.appPrivateKey, alipayPublicKey: c.alipayPublicKey, gateway: ALIPAY_GATEWAY });
    }
    throw new PaymentMethodUnavailableError(`${provider} (live)`);
  };
