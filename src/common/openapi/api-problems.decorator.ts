import { applyDecorators } from '@nestjs/common';
import { ApiExtraModels, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import { ProblemDetailsDto } from './problem-details.dto.js';

const DESCRIPTIONS: Record<number, string> = {
  400: 'Malformed body or invalid fields (problem+json lists each field)',
  401: 'Missing or invalid credentials',
  403: 'Authenticated but not allowed',
  404: 'Not found (or not visible to the caller)',
  409: 'Conflicts with the current state',
  413: 'Body too large',
  422: 'Semantically invalid request',
  429: 'Rate limit exceeded; see Retry-After',
  503: 'A dependency is unavailable',
};

/** Documents a problem+json error response. */
export function ApiProblemResponse(
  status: number,
  description = DESCRIPTIONS[status],
): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ApiExtraModels(ProblemDetailsDto),
    ApiResponse({
      status,
      description: description ?? 'Unexpected error (carries a requestId, never internals)',
      content: { 'application/problem+json': { schema: { $ref: getSchemaPath(ProblemDetailsDto) } } },
    }),
  );
}

/** Documents the problem+json error responses of a route; 500 is always documented. */
export function ApiProblems(...statuses: number[]): MethodDecorator & ClassDecorator {
  return applyDecorators(...[...new Set([...statuses, 500])].map((status) => ApiProblemResponse(status)));
}
