import { createHash } from 'node:crypto';
import {
  applyDecorators,
  Injectable,
  UseInterceptors,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import { HTTP_CODE_METADATA } from '@nestjs/common/constants.js';
import { Reflector } from '@nestjs/core';
import { ApiHeader } from '@nestjs/swagger';
import { TransactionHost } from '@nestjs-cls/transactional';
import type { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import type { FastifyReply } from 'fastify';
import { defer, lastValueFrom, type Observable } from 'rxjs';
import { DomainError, RequestValidationError, sqlStateOf, type RequestWithUser } from '../../common/index.js';
import { IdempotencyKeyRepository } from './idempotency-key.repository.js';

const IDEMPOTENCY_KEY_HEADER = 'Idempotency-Key';
export const IDEMPOTENT_REPLAYED_HEADER = 'Idempotent-Replayed';

const MAX_KEY_LENGTH = 255;
const PRINTABLE_ASCII = /^[\x20-\x7e]+$/;
/** PostgreSQL's query_canceled: here, waiting on a concurrent request's key outlasted statement_timeout. */
const QUERY_CANCELED = '57014';

/**
 * Makes a creating POST safe to retry. The handler runs in one transaction with its claim on the
 * `Idempotency-Key`: same key and body replays the first response, a different body is a 422, and
 * a concurrent duplicate waits on the key's row until the first commits (or rolls back and frees it).
 * Handlers must do their database work through `TransactionHost` (`@Transactional()` joins this one).
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  // Built here rather than injected: route interceptors resolve in each feature module's scope,
  // so `@Idempotent()` works without every module providing the repository.
  private readonly keys: IdempotencyKeyRepository;

  constructor(
    private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
    private readonly reflector: Reflector,
  ) {
    this.keys = new IdempotencyKeyRepository(txHost);
  }

  intercept(context: ExecutionContext, next: CallHandler<unknown>): Observable<unknown> {
    const request = context.switchToHttp().getRequest<RequestWithUser>();
    const key = idempotencyKey(request.headers['idempotency-key']);
    if (key === undefined) return next.handle();

    const route = request.routeOptions.url ?? request.url;
    const scope = `${request.method} ${route}:${request.user?.id ?? 'anonymous'}`;
    const requestHash = createHash('sha256').update(canonicalJson(request.body)).digest('hex');

    return defer(() =>
      this.txHost.withTransaction(async () => {
        if (await this.claim(scope, key, requestHash)) {
          // Subscribed here so the handler runs in this transaction's context.
          const body = await lastValueFrom(next.handle(), { defaultValue: undefined });
          await this.keys.complete(scope, key, this.successStatus(context, request.method), body);
          return body;
        }
        // Not ours: the request that holds the key has committed (we waited for it), so its response is stored.
        const stored = await this.keys.find(scope, key);
        if (!stored) throw keyInProgress();
        if (stored.requestHash !== requestHash) {
          throw new DomainError('idempotency_key_reused', 'This Idempotency-Key was used with a different request.');
        }
        void context
          .switchToHttp()
          .getResponse<FastifyReply>()
          .status(stored.status)
          .header(IDEMPOTENT_REPLAYED_HEADER, 'true');
        return stored.body;
      }),
    );
  }

  private async claim(scope: string, key: string, requestHash: string): Promise<boolean> {
    try {
      return await this.keys.claim(scope, key, requestHash);
    } catch (error) {
      throw sqlStateOf(error) === QUERY_CANCELED ? keyInProgress() : error;
    }
  }

  /** The status Nest answers a successful call of this route with. */
  private successStatus(context: ExecutionContext, method: string): number {
    return (
      this.reflector.get<number | undefined>(HTTP_CODE_METADATA, context.getHandler()) ??
      (method === 'POST' ? 201 : 200)
    );
  }
}

/** Documents the header and makes a route idempotent under it. */
export const Idempotent = (): MethodDecorator & ClassDecorator =>
  applyDecorators(
    UseInterceptors(IdempotencyInterceptor),
    ApiHeader({
      name: IDEMPOTENCY_KEY_HEADER,
      required: false,
      description:
        'Up to 255 printable ASCII characters, unique per intended operation (e.g. a UUID). A retry with the same key ' +
        'and body replays the first response (with `Idempotent-Replayed: true`) instead of repeating the operation; ' +
        'the same key with a different body is a 422. Keys are kept for 24 hours.',
    }),
  );

/** The validated key, or undefined when the caller sent none. */
function idempotencyKey(header: string | string[] | undefined): string | undefined {
  if (header === undefined) return undefined;
  if (Array.isArray(header)) throw invalidKey(['must be sent once']);
  if (header.length === 0) throw invalidKey(['must not be empty']);
  const messages = [
    ...(header.length > MAX_KEY_LENGTH ? [`must be at most ${MAX_KEY_LENGTH} characters`] : []),
    ...(PRINTABLE_ASCII.test(header) ? [] : ['must contain only printable ASCII characters']),
  ];
  if (messages.length > 0) throw invalidKey(messages);
  return header;
}

function invalidKey(messages: string[]): RequestValidationError {
  return new RequestValidationError([{ field: IDEMPOTENCY_KEY_HEADER, messages }]);
}

function keyInProgress(): DomainError {
  return new DomainError('idempotency_key_in_progress', 'A request with this Idempotency-Key is still in progress.');
}

/** JSON with object keys sorted at every level, so the same body always hashes the same. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((item) => canonicalJson(item)).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    const members = Object.keys(record)
      .filter((name) => record[name] !== undefined)
      .sort()
      .map((name) => `${JSON.stringify(name)}:${canonicalJson(record[name])}`);
    return `{${members.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
