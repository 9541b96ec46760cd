import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiExtension } from '@nestjs/swagger';
import { ApiProblemResponse } from '../openapi/api-problems.decorator.js';

export const STATION_SCOPE_KEY = 'stationScope';

/** Where a route names the station it works on. */
export interface StationScopeSource {
  in: 'path' | 'query';
  name: string;
}

/**
 * Marks a route as station-scoped: the guard answers 404 (never 403, to leak nothing) when the
 * caller does not belong to the named station. The OpenAPI extension lets a test walk every such route.
 */
export function StationScoped(
  source: StationScopeSource = { in: 'path', name: 'id' },
): MethodDecorator & ClassDecorator {
  return applyDecorators(
    SetMetadata(STATION_SCOPE_KEY, source),
    ApiExtension('x-station-scope', source),
    ApiProblemResponse(404),
  );
}
