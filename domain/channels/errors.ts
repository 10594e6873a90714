// Refusals of the channels context. A push that fails verification is `unauthenticated` (401):
// the platform's signature is its only credential. Failures of the platform's own API are not
// refusals of the caller: they stay plain errors (a 500 to the webhook, a retry for a consumer).
import { DomainError } from '../shared/errors.ts';

/** Any push we cannot verify; the message never says which check failed (the log does). */
export class PushUnverifiedError extends DomainError {
  constructor(readonly reason: string) {
    super('unauthenticated', 'The push could not be verified');
  }
}

/** Another chain has connected this platform app: an app's pushes can name one tenant only. */
export class ChannelAppTakenError extends DomainError {
  constructor() {
    super('already_exists', 'This platform app is connected to another account');
  }
}

/** The channel's account changed while this request was writing it; nothing was changed. */
export class ChannelAccountBusyError extends DomainError {
  constructor() {
    super('invalid_state', 'The channel account changed while this request was being made; send it again');
  }
}

/** The platform answered a call of ours with an error, or not at all. */
export class PlatformCallError extends Error {
  constructor(
    readonly path: string,
    readonly platformCode: number | undefined,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(`${path}: ${message}`, options);
    this.name = 'PlatformCallError';
  }
}

/** The platform throttled us (Meituan's 711); the caller backs off and tries again later. */
export class PlatformThrottledError extends PlatformCallError {
  constructor(path: string) {
    super(path, 711, 'throttled by the platform');
    this.name = 'PlatformThrottledError';
  }
}

/** The platform order's record kept changing under this push; the platform will send it again. */
export class ChannelOrderBusyError extends DomainError {
  constructor() {
    super('invalid_state', 'The platform order kept changing while this push was applied; send it again');
  }
}
