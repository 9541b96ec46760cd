/**
 * Every stable error code of the API and the HTTP status it maps to. Domain code throws
 * {@link DomainError}s with one of these codes; the exception filter is the only place that turns
 * them into HTTP. `satisfies` makes a code without a status a compile error.
 */
export const ERROR_STATUS = {
  // generic HTTP-level problems
  bad_request: 400,
  validation_failed: 400,
  malformed_body: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  route_not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  unprocessable: 422,
  rate_limited: 429,
  internal_error: 500,
  service_unavailable: 503,
  // auth
  invalid_credentials: 401,
  invalid_refresh_token: 401,
  invalid_current_password: 400,
  weak_password: 400,
  email_taken: 409,
  too_many_login_attempts: 429,
  // stations
  member_exists: 409,
  user_not_found: 422,
  // bookings
  slot_unavailable: 409,
  slot_not_offered: 422,
  outside_service_area: 422,
  unknown_upgrade: 422,
  invalid_party: 422,
  invalid_booking_transition: 409,
  chef_unavailable: 409,
  chef_not_found: 422,
  idempotency_key_reused: 422,
  idempotency_key_in_progress: 409,
} as const satisfies Record<string, number>;

export type ErrorCode = keyof typeof ERROR_STATUS;

export const ERROR_TITLES: Record<ErrorCode, string> = {
  bad_request: 'Bad request',
  validation_failed: 'Validation failed',
  malformed_body: 'Malformed request body',
  unauthorized: 'Unauthorized',
  forbidden: 'Forbidden',
  not_found: 'Not found',
  route_not_found: 'Route not found',
  method_not_allowed: 'Method not allowed',
  conflict: 'Conflict',
  payload_too_large: 'Payload too large',
  unsupported_media_type: 'Unsupported media type',
  unprocessable: 'Unprocessable request',
  rate_limited: 'Too many requests',
  internal_error: 'Internal server error',
  service_unavailable: 'Service unavailable',
  invalid_credentials: 'Invalid credentials',
  invalid_refresh_token: 'Invalid refresh token',
  invalid_current_password: 'Current password is wrong',
  weak_password: 'Password too weak',
  email_taken: 'E-mail already registered',
  too_many_login_attempts: 'Too many login attempts',
  member_exists: 'Already a member',
  user_not_found: 'User not found',
  slot_unavailable: 'Slot unavailable',
  slot_not_offered: 'Slot not offered',
  outside_service_area: 'Outside the service area',
  unknown_upgrade: 'Unknown upgrade',
  invalid_party: 'Invalid party',
  invalid_booking_transition: 'Booking status change not allowed',
  chef_unavailable: 'Chef unavailable',
  chef_not_found: 'Chef not found',
  idempotency_key_reused: 'Idempotency key reused with another request',
  idempotency_key_in_progress: 'Request with this idempotency key in progress',
};

/** The error code a bare HTTP status stands for, for errors raised by the framework itself. */
export function codeForStatus(status: number): ErrorCode {
  switch (status) {
    case 400:
      return 'bad_request';
    case 401:
      return 'unauthorized';
    case 403:
      return 'forbidden';
    case 404:
      return 'not_found';
    case 405:
      return 'method_not_allowed';
    case 409:
      return 'conflict';
    case 413:
      return 'payload_too_large';
    case 415:
      return 'unsupported_media_type';
    case 422:
      return 'unprocessable';
    case 429:
      return 'rate_limited';
    case 503:
      return 'service_unavailable';
    default:
      return status >= 500 ? 'internal_error' : 'bad_request';
  }
}
