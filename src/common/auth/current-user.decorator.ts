import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { AuthenticatedUser } from './roles.js';

export type RequestWithUser = FastifyRequest & { user?: AuthenticatedUser };

/** The authenticated caller (routes behind the global JWT guard always have one). */
export const CurrentUser = createParamDecorator((_data: unknown, context: ExecutionContext): AuthenticatedUser => {
  const user = context.switchToHttp().getRequest<RequestWithUser>().user;
  if (!user) throw new Error('CurrentUser used on a route without authentication');
  return user;
});

/** The caller on a `PublicWithOptionalAuth()` route: undefined for anonymous callers. */
export const OptionalUser = createParamDecorator(
  (_data: unknown, context: ExecutionContext): AuthenticatedUser | undefined =>
    context.switchToHttp().getRequest<RequestWithUser>().user,
);

/** Who did something and from where: carried into commands that audit or rate-limit. */
export interface RequestOrigin {
  ip: string;
  userAgent: string | undefined;
  requestId: string;
}

export const Origin = createParamDecorator((_data: unknown, context: ExecutionContext): RequestOrigin => {
  const request = context.switchToHttp().getRequest<FastifyRequest>();
  return { ip: request.ip, userAgent: request.headers['user-agent'], requestId: String(request.id) };
});
