import type { ErrorCode } from './error-codes.js';

export interface FieldError {
  /** Dotted path of the offending field, e.g. `address.zip`. */
  readonly field: string;
  readonly messages: readonly string[];
}

/**
 * Base of every error that business code throws on purpose. It carries a stable code (mapped to an
 * HTTP status in one place) and never an HTTP type, because workers run the same code as controllers.
 */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: Readonly<Record<string, unknown>>,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class NotFoundError extends DomainError {
  constructor(entity: string, id?: string) {
    super('not_found', id ? `${entity} ${id} was not found` : `${entity} was not found`, { entity });
  }
}

/** Request input that failed validation; lists each bad field. */
export class RequestValidationError extends DomainError {
  constructor(readonly fieldErrors: readonly FieldError[]) {
    super('validation_failed', `Invalid fields: ${fieldErrors.map((error) => error.field).join(', ')}`);
  }
}

export class ServiceNotReadyError extends DomainError {
  constructor(failing: readonly string[], checks: Readonly<Record<string, unknown>>) {
    super('service_unavailable', `Not ready: ${failing.join(', ')} down`, { failing, checks });
  }
}
