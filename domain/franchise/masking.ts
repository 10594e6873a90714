// Account numbers are shown as `****1234` everywhere: enough to recognise an account, never
// enough to use it.
export const lastFour = (accountNo: string): string => accountNo.slice(-4);

export const maskLast4 = (last4: string): string => `****${last4}`;

export const maskAccountNo = (accountNo: string): string => maskLast4(lastFour(accountNo));
