import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth } from '@nestjs/swagger';
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
    ApiProblemResponse(401),
    ...(roles.length > 0 ? [ApiProblemResponse(403)] : []),
  );
}
