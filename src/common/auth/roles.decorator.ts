import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth, ApiExtension } from '@nestjs/swagger';
import { ApiProblemResponse } from '../openapi/api-problems.decorator.js';
import type { Role } from './roles.js';

export const ROLES_KEY = 'roles';

/**
 * Requires an authenticated caller holding one of `roles` (globally or at some station;
 * `super_admin` passes every rule). With no roles, any authenticated caller passes.
 */
export function Roles(...roles: Role[]): MethodDecorator & ClassDecorator {
  return applyDecorators(
    SetMetadata(ROLES_KEY, roles),
    ApiBearerAuth(),
    // Lets the access tests walk every route by its rule.
    ApiExtension('x-roles', roles),
    ApiProblemResponse(401),
    ...(roles.length > 0 ? [ApiProblemResponse(403)] : []),
  );
}
