import { DomainError } from '../../../common/errors/domain-error.js';

/** One message for an unknown e-mail and a wrong password, so neither can be told apart. */
export class InvalidCredentialsError extends DomainError {
  constructor() {
    super('invalid_credentials', 'Invalid e-mail or password.');
  }
}

export class InvalidRefreshTokenError extends DomainError {
  constructor() {
    super('invalid_refresh_token', 'The refresh token is invalid, expired or revoked; log in again.');
  }
}

export class EmailTakenError extends DomainError {
  constructor() {
    super('email_taken', 'An account with this e-mail already exists.');
  }
}

export class WeakPasswordError extends DomainError {
  constructor(minLength: number) {
    super(
      'weak_password',
      `The password must have at least ${minLength} characters and not be only letters or only digits.`,
    );
  }
}

export class InvalidCurrentPasswordError extends DomainError {
  constructor() {
    super('invalid_current_password', 'The current password is wrong.');
  }
}

export class TooManyLoginAttemptsError extends DomainError {
  constructor(retryAfterSeconds: number) {
    super('too_many_login_attempts', 'Too many login attempts; try again later.', { retryAfterSeconds });
  }
}
