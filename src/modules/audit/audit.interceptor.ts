import type { FastifyReply } from 'fastify';
import { IDEMPOTENT_REPLAYED_HEADER } from '../../infrastructure/http/idempotency.interceptor.js';
import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { from, mergeMap, type Observable } from 'rxjs';
import {
  AuditContext,
  isStaff,
  SKIP_AUDIT_KEY,
  STATION_SCOPE_KEY,
  type RequestWithUser,
  type StationScopeSource,
} from '../../common/index.js';

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

type AuditedRequest = RequestWithUser & { params?: Record<string, string>; query?: Record<string, unknown> };

/**
 * Audits every successful staff write, once, for all modules. Handlers record their precise change
 * (in their transaction) through AuditContext; for a handler that did not, this interceptor records
 * the route, its target and the secret-free request body after the fact.
 */
@Injectable()
export class AuditInterceptor implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    private readonly auditContext: AuditContext,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const request = context.switchToHttp().getRequest<AuditedRequest>();
    const skip = this.reflector.getAllAndOverride<boolean>(SKIP_AUDIT_KEY, [context.getHandler(), context.getClass()]);
    const user = request.user;
    if (skip || !WRITE_METHODS.has(request.method) || !user || !isStaff(user)) return next.handle();

    const actor = {
      user,
      ip: request.ip,
      userAgent: request.headers['user-agent']?.slice(0, 512) ?? null,
      requestId: String(request.id),
    };
    return this.auditContext.run(actor, () =>
      next
        .handle()
        .pipe(
          mergeMap((result: unknown) =>
            from(
              (this.auditContext.wasRecorded() || this.wasReplayed(context)
                ? Promise.resolve()
                : this.recordRoute(context, request, result)
              ).then(() => result),
            ),
          ),
        ),
    );
  }

  /** A replayed idempotent request changed nothing, so there is nothing to audit. */
  private wasReplayed(context: ExecutionContext): boolean {
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    return reply.getHeader(IDEMPOTENT_REPLAYED_HEADER) === 'true';
  }

  private recordRoute(context: ExecutionContext, request: AuditedRequest, result: unknown): Promise<void> {
    const scope = this.reflector.getAllAndOverride<StationScopeSource | undefined>(STATION_SCOPE_KEY, [
      context.getHandler(),
      context.getClass(),
    ]);
    const scoped = scope
      ? scope.in === 'path'
        ? request.params?.[scope.name]
        : request.query?.[scope.name]
      : undefined;
    const resultId = typeof result === 'object' && result !== null && 'id' in result ? String(result.id) : null;
    const controller = context.getClass().name.replace(/Controller$/, '');
    return this.auditContext.record({
      action: `${controller}.${context.getHandler().name}`,
      entity: controller.toLowerCase(),
      entityId: request.params?.['id'] ?? resultId,
      stationId: typeof scoped === 'string' ? scoped : null,
      request: request.body ?? {},
    });
  }
}
