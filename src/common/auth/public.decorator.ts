import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth, ApiExtension } from '@nestjs/swagger';

export const IS_PUBLIC_KEY = 'isPublic';
export const OPTIONAL_AUTH_KEY = 'optionalAuth';

/** Marks a route or controller as reachable without authentication. */
export const Public = (): MethodDecorator & ClassDecorator =>
  applyDecorators(SetMetadata(IS_PUBLIC_KEY, true), ApiExtension('x-public', true));

/**
 * Public, but a caller who sends a bearer token is identified (a signed-in customer booking as
 * themselves). A token that is sent must be valid: a bad one is a 401, never silently anonymous.
 */
export const PublicWithOptionalAuth = (): MethodDecorator & ClassDecorator =>
  applyDecorators(Public(), SetMetadata(OPTIONAL_AUTH_KEY, true), ApiBearerAuth());
