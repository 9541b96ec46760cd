import { BadRequestException, HttpException, NotFoundException } from '@nestjs/common';
import { DomainError, NotFoundError, RequestValidationError } from './domain-error.js';
import { ERROR_STATUS } from './error-codes.js';
import { toProblemResponse } from './problem-details.js';
import { loggableError } from '../http/problem-details.filter.js';

const context = { requestId: 'req-1', instance: '/api/v1/things' };

describe(toProblemResponse.name, () => {
  it('maps a domain error through the code table', () => {
    const sut = toProblemResponse(new NotFoundError('Booking', 'b-1'), context);
    expect(sut.unexpected).toBe(false);
    expect(sut.problem).toMatchObject({
      status: 404,
      code: 'not_found',
      title: 'Not found',
      detail: 'Booking b-1 was not found',
      requestId: 'req-1',
      instance: '/api/v1/things',
      type: 'https://myhibachi.com/problems/not-found',
    });
  });

  it('keeps domain details but never lets them override the standard members', () => {
    const sut = toProblemResponse(new DomainError('conflict', 'taken', { status: 200, slot: '18:00' }), context);
    expect(sut.problem.status).toBe(409);
    expect(sut.problem.slot).toBe('18:00');
  });

  it('sets Retry-After from a domain error that carries it', () => {
    const sut = toProblemResponse(new DomainError('rate_limited', 'slow down', { retryAfterSeconds: 12.2 }), context);
    expect(sut.headers['Retry-After']).toBe('13');
  });

  it('lists field errors of a validation error', () => {
    const sut = toProblemResponse(
      new RequestValidationError([{ field: 'email', messages: ['email must be an email'] }]),
      context,
    );
    expect(sut.problem).toMatchObject({ status: 400, code: 'validation_failed' });
    expect(sut.problem.errors).toEqual([{ field: 'email', messages: ['email must be an email'] }]);
  });

  it('hides everything about an unexpected error', () => {
    const sut = toProblemResponse(new TypeError('Cannot read properties of undefined (reading "password")'), context);
    expect(sut.unexpected).toBe(true);
    expect(sut.problem).toEqual({
      type: 'https://myhibachi.com/problems/internal-error',
      title: 'Internal server error',
      status: 500,
      detail: 'An unexpected error occurred.',
      instance: '/api/v1/things',
      code: 'internal_error',
      requestId: 'req-1',
    });
  });

  it('maps Nest HTTP exceptions by status and hides 5xx messages', () => {
    expect(toProblemResponse(new BadRequestException('bad cursor'), context).problem).toMatchObject({
      status: 400,
      code: 'bad_request',
      detail: 'bad cursor',
    });
    const serverSide = toProblemResponse(new HttpException('db password wrong', 502), context);
    expect(serverSide.problem.detail).toBe('An unexpected error occurred.');
    expect(serverSide.unexpected).toBe(true);
  });

  it('recognises an unknown route and leaves the query string out', () => {
    const sut = toProblemResponse(new NotFoundException('Cannot GET /api/v1/nope?token=abc'), {
      ...context,
      instance: '/api/v1/nope',
    });
    expect(sut.problem.code).toBe('route_not_found');
    expect(sut.problem.detail).toBe('No route matches GET /api/v1/nope.');
  });

  it('maps Fastify body errors wrapped by Nest', () => {
    const fastifyError = Object.assign(new Error('Unexpected end of JSON input'), {
      statusCode: 400,
      code: 'FST_ERR_CTP_INVALID_JSON_BODY',
      name: 'FastifyError',
    });
    const sut = toProblemResponse(new HttpException('x', 400, { cause: fastifyError }), context);
    expect(sut.problem).toMatchObject({ status: 400, code: 'malformed_body' });
  });

  it('has a 4xx or 5xx status for every code', () => {
    for (const status of Object.values(ERROR_STATUS)) expect(status >= 400 && status < 600).toBe(true);
  });
});

describe(loggableError.name, () => {
  it('keeps SQL parameters and row values of database errors out of logs', () => {
    const error = Object.assign(new Error('duplicate key value violates unique constraint "users_email_key"'), {
      name: 'QueryFailedError',
      code: '23505',
      constraint: 'users_email_key',
      query: 'INSERT INTO users ...',
      parameters: ['ann@example.com', '$argon2id$v=19$secret-hash'],
      detail: 'Key (email)=(ann@example.com) already exists.',
    });
    const logged = JSON.stringify(loggableError(error));
    expect(logged).toContain('users_email_key');
    expect(logged).not.toMatch(/argon2id|ann@example\.com|INSERT INTO/);
  });

  it('maps database input errors that slipped past validation to 4xx', () => {
    const error = Object.assign(new Error('invalid input syntax for type uuid'), {
      name: 'QueryFailedError',
      code: '22P02',
    });
    expect(toProblemResponse(error, context).problem).toMatchObject({ status: 400, code: 'bad_request' });
    const unique = Object.assign(new Error('duplicate key'), { name: 'QueryFailedError', code: '23505' });
    expect(toProblemResponse(unique, context).problem).toMatchObject({ status: 409, code: 'conflict' });
  });

  it('tells the client to retry after a deadlock or a statement timeout, instead of a 500', () => {
    const deadlock = Object.assign(new Error('deadlock detected'), { name: 'QueryFailedError', code: '40P01' });
    const sut = toProblemResponse(deadlock, context);
    expect(sut.problem).toMatchObject({ status: 409, code: 'conflict' });
    expect(sut.headers['Retry-After']).toBe('1');
    const timeout = Object.assign(new Error('canceling statement due to statement timeout'), {
      name: 'QueryFailedError',
      code: '57014',
    });
    expect(toProblemResponse(timeout, context).problem).toMatchObject({ status: 503, code: 'service_unavailable' });
  });
});
