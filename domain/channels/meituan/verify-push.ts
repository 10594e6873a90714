// Verifying a push (docs/delivery-platforms.md §2 and §3): signed by the tenant's app over the push
// URL registered in the developer console (never the Host header, which a load balancer may
// rewrite), with a timestamp within ±600 s of our clock. A missing sig, timestamp or app_id, or an
// app_id that is not the account's, fails like a wrong signature.
import { PushUnverifiedError } from '../errors.ts';
import type { AppAccount, SignedPush } from '../adapter.ts';
import { signatureMatches } from './signature.ts';

/** Our assumption for pushes (the platform documents it for our calls only): §8. */
export const PUSH_FRESHNESS_SECONDS = 600;

export const verifyMeituanPush = (push: SignedPush, account: AppAccount, now: Date): void => {
  const { sig, timestamp, app_id: appId } = push.params;
  if (!sig || !timestamp || !appId) throw new PushUnverifiedError('sig, timestamp or app_id missing');
  if (appId !== account.appId) throw new PushUnverifiedError('app_id is not the account’s');
  if (!/^\d{1,12}$/.test(timestamp)) throw new PushUnverifiedError('timestamp is not unix seconds');
  const skew = Math.abs(Math.floor(now.getTime() / 1000) - Number(timestamp));
  if (skew > PUSH_FRESHNESS_SECONDS) throw new PushUnverifiedError(`timestamp ${skew} s from our clock`);
  if (!signatureMatches(sig, account.pushUrl, push.params, account.secret)) throw new PushUnverifiedError('signature does not match');
};
