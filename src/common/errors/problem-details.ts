import { HttpException } from '@nestjs/common';
import { DomainError, RequestValidationError, type FieldError } from './domain-error.js';
import { codeForStatus, ERROR_STATUS, ERROR_TITLES, type ErrorCode } from './error-codes.js';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';
const PROBLEM_TYPE_BASE = 'https://myhibachi.com/problems/';

/** RFC 9457 problem details, with our stable `code` and the request id for support. */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  code: ErrorCode;
  requestId?: string;
  errors?: FieldError[];
  [extension: string]: unknown;
}

export interface ProblemResponse {
  problem: ProblemDetails;
  /** True when the error was not anticipated and must be logged with its stack. */
  unexpected: boolean;
  headers: Record<string, string>;
}

interface ProblemContext {
  requestId?: string;
  instance?: string;
}

/** Errors raised by Fastify itself (body parsing, limits) carry a status and an `FST_` code. */
interface FastifyLikeError {
  statusCode: number;
  code: string;
  message: string;
}

function isFastifyError(error: unknown): error is FastifyLikeError {
  if (!(error instanceof Error)) return false;
  const candidate = error as Error & Partial<FastifyLikeError>;
  return (
    typeof candidate.statusCode === 'number' && typeof candidate.code === 'string' && candidate.code.startsWith('FST_')
  );
}

function problem(
  code: ErrorCode,
  detail: string,
  context: ProblemContext,
  status: number = ERROR_STATUS[code],
): ProblemDetails {
  return {
    type: `${PROBLEM_TYPE_BASE}${code.replaceAll('_', '-')}`,
    title: ERROR_TITLES[code],
    status,
    detail,
    ...(context.instance ? { instance: context.instance } : {}),
    code,
    ...(context.requestId ? { requestId: context.requestId } : {}),
  };
}

function fromFastifyError(error: FastifyLikeError, context: ProblemContext): ProblemDetails {
  switch (error.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return problem('malformed_body', 'The request body is not valid JSON.', context);
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return problem('payload_too_large', 'The request body is larger than this endpoint accepts.', context);
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return problem('unsupported_media_type', 'Send the body as application/json.', context);
    default: {
      const code = codeForStatus(error.statusCode);
      const status = error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : ERROR_STATUS[code];
      // 4xx messages from Fastify describe the client's request and are safe to show; 5xx are not.
      const detail = status < 500 ? error.message : 'An unexpected error occurred.';
      return problem(code, detail, context, status);
    }
  }
}

function fromHttpException(error: HttpException, context: ProblemContext): ProblemDetails {
  const status = error.getStatus();
  const code = codeForStatus(status);
  if (status >= 500) return problem(code, 'An unexpected error occurred.', context, status);
  const response = error.getResponse();
  let detail = error.message;
  if (typeof response === 'object' && response !== null && 'message' in response) {
    const message: unknown = response.message;
    if (typeof message === 'string') detail = message;
    else if (Array.isArray(message)) detail = message.join('; ');
  }
  const unknownRoute = /^Cannot ([A-Z]+) /.exec(detail);
  if (code === 'not_found' && unknownRoute) {
    // Nest's message repeats the full URL; the query string may hold tokens, so rebuild it from the path.
    return problem(
      'route_not_found',
      `No route matches ${unknownRoute[1]} ${context.instance ?? ''}.`.replace(' .', '.'),
      context,
    );
  }
  return problem(code, detail, context, status);
}

/**
 * PostgreSQL errors that mean the input was wrong although it passed validation. They should not
 * happen (validation should have caught them), so they are still logged, but the client gets a 4xx.
 */
const DATABASE_INPUT_ERRORS: Record<string, { code: ErrorCode; detail: string }> = {
  '22P02': { code: 'bad_request', detail: 'A value in the request has the wrong format.' },
  '22007': { code: 'bad_request', detail: 'A date or time in the request is not valid.' },
  '22008': { code: 'bad_request', detail: 'A date or time in the request is out of range.' },
  '22003': { code: 'bad_request', detail: 'A number in the request is out of range.' },
  '22021': { code: 'bad_request', detail: 'The request contains characters that cannot be stored.' },
  '22P05': { code: 'bad_request', detail: 'The request contains characters that cannot be stored.' },
  '23502': { code: 'bad_request', detail: 'A required value is missing.' },
  '23505': { code: 'conflict', detail: 'The request conflicts with an existing record.' },
  '23503': { code: 'conflict', detail: 'The request refers to a record that does not exist or is still in use.' },
};

/**
 * PostgreSQL errors of a request that met concurrent ones (a deadlock, a serialization failure, a lock
 * or statement wait past the timeout): nothing was changed, and the same request may well succeed
 * again, so the client is told to retry rather than shown a 500.
 */
const TRANSIENT_DATABASE_ERRORS: Record<string, { code: ErrorCode; detail: string }> = {
  '40P01': { code: 'conflict', detail: 'The request collided with a concurrent change; nothing was saved. Try again.' },
  '40001': { code: 'conflict', detail: 'The request collided with a concurrent change; nothing was saved. Try again.' },
  '55P03': { code: 'service_unavailable', detail: 'The record is busy; nothing was saved. Try again shortly.' },
  '57014': { code: 'service_unavailable', detail: 'The request took too long; nothing was saved. Try again shortly.' },
};

function databaseErrorCode(error: unknown): string | undefined {
  if (!(error instanceof Error) || error.name !== 'QueryFailedError') return undefined;
  const code = (error as Error & { code?: unknown }).code;
  return typeof code === 'string' ? code : undefined;
}

/** Maps any thrown value to the problem document the client sees. Pure, so both error paths share it. */
export function toProblemResponse(error: unknown, context: ProblemContext): ProblemResponse {
  const headers: Record<string, string> = {};
  if (error instanceof RequestValidationError) {
    return {
      problem: { ...problem(error.code, 'One or more fields are invalid.', context), errors: [...error.fieldErrors] },
      unexpected: false,
      headers,
    };
  }
  if (error instanceof DomainError) {
    const body = problem(error.code, error.message, context);
    if (error.details) Object.assign(body, { ...error.details, ...body });
    const retryAfter = error.details?.['retryAfterSeconds'];
    if (typeof retryAfter === 'number') headers['Retry-After'] = String(Math.ceil(retryAfter));
    return {
      problem: body,
      unexpected: ERROR_STATUS[error.code] >= 500 && error.code !== 'service_unavailable',
      headers,
    };
  }
  // Nest wraps Fastify's own 4xx errors (unparseable JSON, body too large) in an HttpException.
  if (error instanceof HttpException && isFastifyError(error.cause)) {
    const body = fromFastifyError(error.cause, context);
    return { problem: body, unexpected: false, headers };
  }
  if (error instanceof HttpException) {
    const body = fromHttpException(error, context);
    return { problem: body, unexpected: body.status >= 500, headers };
  }
  if (isFastifyError(error)) {
    const body = fromFastifyError(error, context);
    return { problem: body, unexpected: body.status >= 500, headers };
  }
  const sqlState = databaseErrorCode(error) ?? '';
  const mapped = DATABASE_INPUT_ERRORS[sqlState];
  if (mapped) return { problem: problem(mapped.code, mapped.detail, context), unexpected: true, headers };
  const transient = TRANSIENT_DATABASE_ERRORS[sqlState];
  if (transient) {
    headers['Retry-After'] = '1';
    return { problem: problem(transient.code, transient.detail, context), unexpected: true, headers };
  }
  return { problem: problem('internal_error', 'An unexpected error occurred.', context), unexpected: true, headers };
}
