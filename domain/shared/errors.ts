// Typed domain errors. Each has a stable `code`; the HTTP edge maps codes to statuses in one
// place (functions/middleware/error-mapper.ts), so nothing below the edge knows about HTTP.

export type ErrorDetail = Readonly<Record<string, unknown>>;

export class DomainError extends Error {
  readonly code: string;
  readonly details?: readonly ErrorDetail[];

  constructor(code: string, message: string, options?: { cause?: unknown; details?: readonly ErrorDetail[] }) {
    super(message, { cause: options?.cause });
    this.name = new.target.name;
    this.code = code;
    this.details = options?.details;
  }
}

export class ValidationError extends DomainError {
  constructor(details: readonly { path: string; message: string }[], message = 'The request is not valid') {
    super('validation_failed', message, { details });
  }
}

export class InvalidJsonError extends DomainError {
  constructor(cause?: unknown) {
    super('invalid_json', 'The request body is not valid JSON', { cause });
  }
}

export class UnauthenticatedError extends DomainError {
  constructor(message = 'A valid bearer token is required') {
    super('unauthenticated', message);
  }
}

export class ForbiddenError extends DomainError {
  constructor(message = 'Your role may not do this') {
    super('forbidden', message);
  }
}

export class NotFoundError extends DomainError {
  constructor(what = 'resource') {
    super('not_found', `The ${what} was not found`);
  }
}

export class AlreadyExistsError extends DomainError {
  constructor(what: string, cause?: unknown) {
    super('already_exists', `The ${what} already exists`, { cause });
  }
}
