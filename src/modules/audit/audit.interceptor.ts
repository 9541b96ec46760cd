import { Injectable, Logger, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { from, mergeMap, type Observable } from 'rxjs';
import {
  AuditContext,
  diffFields,
  isStaff,
  loggableError,
  SKIP_AUDIT_KEY,
  STATION_SCOPE_KEY,
  withoutSecrets,
  type RequestWithUser,
  type StationScopeSource,
} from '../../common/index.js';
import { AuditLogRepository } from './audit-log.repository.js';

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Records every successful staff write, once, after it committed: one interceptor for all modules
 * instead of audit code in each handler. Handlers add the precise change through AuditContext;
 * without it the row still names the route, the target and the (secret-free) request body.
 */
@Injectable()
export class AuditInterceptor implements NestInterceptor {
  private readonly logger = new Logger(AuditInterceptor.name);

  constructor(
    private readonly reflector: Reflector,
    private readonly auditContext: AuditContext,
    private readonly auditLogs: AuditLogRepository,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const request = context
      .switchToHttp()
      .getRequest<RequestWithUser & { params?: Record<string, string>; query?: Record<string, unknown> }>();
    const skip = this.reflector.getAllAndOverride<boolean>(SKIP_AUDIT_KEY, [context.getHandler(), context.getClass()]);
    if (skip || !WRITE_METHODS.has(request.method) || !request.user || !isStaff(request.user)) return next.handle();

    return this.auditContext.run(() =>
      next.handle().pipe(mergeMap((result: unknown) => from(this.record(context, request, result).then(() => result)))),
    );
  }

  private async record(
    context: ExecutionContext,
    request: RequestWithUser & { params?: Record<string, string>; query?: Record<string, unknown> },
    result: unknown,
  ): Promise<void> {
    const user = request.user!;
    const change = this.auditContext.take();
    const scope = this.reflector.getAllAndOverride<StationScopeSource | undefined>(STATION_SCOPE_KEY, [
      context.getHandler(),
      context.getClass(),
    ]);
    const scopedValue = scope
      ? scope.in === 'path'
        ? request.params?.[scope.name]
        : request.query?.[scope.name]
      : undefined;
    const scopedStation = typeof scopedValue === 'string' ? scopedValue : null;
    const resultId = typeof result === 'object' && result !== null && 'id' in result ? String(result.id) : null;
    try {
      await this.auditLogs.insert({
        actorUserId: user.id,
        actorRole: user.role,
        actorIp: request.ip,
        actorUserAgent: request.headers['user-agent']?.slice(0, 512) ?? null,
        action: change?.action ?? `${context.getClass().name.replace(/Controller$/, '')}.${context.getHandler().name}`,
        entity:
          change?.entity ??
          context
            .getClass()
            .name.replace(/Controller$/, '')
            .toLowerCase(),
        entityId: change?.entityId ?? request.params?.['id'] ?? resultId,
        stationId: change?.stationId !== undefined ? change.stationId : scopedStation,
        changes:
          change && (change.before !== undefined || change.after !== undefined)
            ? diffFields(change.before, change.after)
            : { request: withoutSecrets(request.body ?? {}) },
        requestId: String(request.id),
      });
    } catch (error) {
      // The change itself is committed; failing the response now would invite a duplicate retry.
      this.logger.error({ err: loggableError(error), requestId: request.id }, 'Could not write the audit log entry');
    }
  }
}
