import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import { DomainError, NotFoundError } from '../errors/domain-error.js';
import type { RequestWithUser } from './current-user.decorator.js';
import { IS_PUBLIC_KEY, OPTIONAL_AUTH_KEY } from './public.decorator.js';
import { hasAnyRole, isStaff, type Role } from './roles.js';
import { ROLES_KEY } from './roles.decorator.js';
import { STATION_SCOPE_KEY, type StationScopeSource } from './station-scoped.decorator.js';

function metadata<T>(reflector: Reflector, key: string, context: ExecutionContext): T | undefined {
  return reflector.getAllAndOverride<T | undefined>(key, [context.getHandler(), context.getClass()]);
}

/** Global: every route needs a valid access token unless it is `@Public()`. */
@Injectable()
export class JwtAuthGuard extends AuthGuard('jwt') {
  constructor(private readonly reflector: Reflector) {
    super();
  }

  override canActivate(context: ExecutionContext): Promise<boolean> | boolean {
    if (metadata<boolean>(this.reflector, IS_PUBLIC_KEY, context)) {
      const identifies = metadata<boolean>(this.reflector, OPTIONAL_AUTH_KEY, context);
      const { headers } = context.switchToHttp().getRequest<{ headers: Record<string, unknown> }>();
      if (!identifies || headers.authorization === undefined) return true;
    }
    return super.canActivate(context) as Promise<boolean>;
  }

  override handleRequest<TUser>(error: unknown, user: TUser | false): TUser {
    if (error || !user) throw new DomainError('unauthorized', 'A valid access token is required.');
    return user;
  }
}

/**
 * Global, after authentication: `@Roles()` rules, then station scope. A caller outside the named
 * station gets 404 so that another station's records cannot even be detected.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    if (metadata<boolean>(this.reflector, IS_PUBLIC_KEY, context)) return true;
    const request = context
      .switchToHttp()
      .getRequest<RequestWithUser & { params: Record<string, string>; query: Record<string, unknown> }>();
    const user = request.user;
    if (!user) throw new DomainError('unauthorized', 'A valid access token is required.');

    const roles = metadata<Role[]>(this.reflector, ROLES_KEY, context);
    if (roles === undefined) {
      // Fails closed: a route that forgot to declare who may call it is reachable by nobody.
      throw new DomainError('forbidden', 'This route declares no access rule.');
    }

    if (roles.length > 0 && !isStaff(user) && !roles.includes('customer')) {
      throw new DomainError('forbidden', 'Staff only.');
    }
    const scope = metadata<StationScopeSource>(this.reflector, STATION_SCOPE_KEY, context);
    const stationId = scope
      ? scope.in === 'path'
        ? request.params[scope.name]
        : request.query[scope.name]
      : undefined;
    if (typeof stationId === 'string' && user.role !== 'super_admin') {
      // Outsiders learn nothing, not even that the station exists; members are judged by their role there.
      const membership = user.stations.find((candidate) => candidate.stationId === stationId.toLowerCase());
      if (!membership) throw new NotFoundError('Station', stationId);
      if (roles.length > 0 && !roles.includes(membership.role)) {
        throw new DomainError('forbidden', 'Your role at this station does not allow this action.');
      }
      return true;
    }
    if (roles.length > 0 && !hasAnyRole(user, roles)) {
      throw new DomainError('forbidden', 'Your role does not allow this action.');
    }
    return true;
  }
}
