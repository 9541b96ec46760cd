import { Catch, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { PROBLEM_CONTENT_TYPE, toProblemResponse } from '../errors/problem-details.js';

/** The path of a request without its query string, which may carry tokens. */
export function requestPath(request: FastifyRequest): string {
  const url = request.url;
  const query = url.indexOf('?');
  return query === -1 ? url : url.slice(0, query);
}

/**
 * A request URL as logs may show it: no query string and no secret path segment such as the token
 * of a booking's manage link (whoever reads the logs must not be able to act as the customer).
 */
export function loggableUrl(url: string): string {
  return url.split('?')[0].replace(/\/manage\/[^/?]+/, '/manage/[redacted]');
}

/**
 * The parts of an error that are safe in a log. Database errors carry the statement and its
 * parameters (password hashes, personal data) and a `detail` quoting row values: those stay out.
 */
export function loggableError(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { message: String(error) };
  const { code, constraint, table, column } = error as Error & Record<string, unknown>;
  return { type: error.name, message: error.message, code, constraint, table, column, stack: error.stack };
}

/**
 * Sends any error as RFC 9457 problem details. Nest hands Fastify's own errors (unparseable body,
 * body too large) to the global filter too, so this is the one error path.
 */
export function sendProblem(error: unknown, request: FastifyRequest, reply: FastifyReply, logger: Logger): void {
  const { problem, unexpected, headers } = toProblemResponse(error, {
    requestId: String(request.id),
    instance: requestPath(request),
  });
  if (unexpected) {
    logger.error(
      { err: loggableError(error), requestId: request.id, path: loggableUrl(request.url) },
      'Unhandled error while serving a request',
    );
  }
  if (reply.sent) return;
  void reply.status(problem.status).headers(headers).type(PROBLEM_CONTENT_TYPE).send(problem);
}

@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemDetails');

  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw exception;
    const http = host.switchToHttp();
    sendProblem(exception, http.getRequest<FastifyRequest>(), http.getResponse<FastifyReply>(), this.logger);
  }
}
