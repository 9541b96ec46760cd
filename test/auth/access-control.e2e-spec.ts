import { Factories } from '../support/factories.js';
import { ProbeModule } from '../support/probe.module.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

interface Operation {
  'x-roles'?: string[];
  'x-public'?: boolean;
  'x-station-scope'?: { in: 'path' | 'query'; name: string };
}

interface Route {
  method: string;
  path: string;
  operation: Operation;
}

/**
 * Walks the OpenAPI document, so every route added later is checked without touching this file:
 * each route declares who may call it, and station-scoped ones hide other stations' records.
 */
describe('access control over every route', () => {
  let sut: TestApp;
  let routes: Route[];
  const bearer: Record<'superAdmin' | 'managerA' | 'customer', string> = { superAdmin: '', managerA: '', customer: '' };
  let stationA: string;
  let stationB: string;
  let memberOfB: string;
  let memberOfA: string;

  beforeAll(async () => {
    sut = await createTestApp({ extraModules: [ProbeModule] });
    const factories = new Factories(sut);
    stationA = (await factories.station()).id;
    stationB = (await factories.station()).id;
    const managerA = await factories.member(stationA, 'manager');
    memberOfA = (await factories.member(stationA, 'chef')).id;
    memberOfB = (await factories.member(stationB, 'chef')).id;
    await factories.member(stationB, 'station_admin');
    bearer.superAdmin = await factories.userBearer({ role: 'super_admin' });
    bearer.managerA = (await factories.login(managerA.email)).bearer;
    bearer.customer = await factories.userBearer({ role: 'customer' });

    const document = (await sut.http().get('/api/docs-json').expect(200)).body as {
      paths: Record<string, Record<string, Operation>>;
    };
    routes = Object.entries(document.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, operation]) => ({ method: method.toUpperCase(), path, operation })),
    );
  });
  afterAll(() => sut.close());

  /** A concrete request for a route, aimed at `station` (and a member of it). */
  function call(route: Route, station: string, member: string, authorization?: string) {
    const scope = route.operation['x-station-scope'];
    let url = route.path.replace('{id}', station).replace('{userId}', member);
    if (scope?.in === 'path') url = url.replace(`{${scope.name}}`, station);
    if (scope?.in === 'query') url += `?${scope.name}=${station}`;
    const request = sut.http()[route.method.toLowerCase() as 'get' | 'post' | 'patch' | 'delete'](url);
    if (authorization) void request.set('Authorization', authorization);
    return ['POST', 'PATCH', 'PUT'].includes(route.method) ? request.send({}) : request;
  }

  const label = (route: Route): string => `${route.method} ${route.path}`;
  const stationScoped = (): Route[] => routes.filter((route) => route.operation['x-station-scope']);
  // Deletions last, so the other routes still find the records they aim at.
  const deletionsLast = (list: Route[]): Route[] =>
    [...list].sort((a, b) => Number(a.method === 'DELETE') - Number(b.method === 'DELETE'));

  it('has station-scoped routes to walk', () => {
    expect(stationScoped().map(label)).toEqual(
      expect.arrayContaining([
        'GET /api/v1/stations/{id}',
        'PATCH /api/v1/stations/{id}',
        'GET /api/v1/admin/audit-logs',
      ]),
    );
  });

  it('declares on every route either @Public() or a role rule', () => {
    const undeclared = routes.filter((route) => !route.operation['x-public'] && !route.operation['x-roles']).map(label);
    expect(undeclared).toEqual([]);
  });

  it('answers 401 without a token on every non-public route', async () => {
    for (const route of routes.filter((candidate) => !candidate.operation['x-public'])) {
      const response = await call(route, stationB, memberOfB);
      expect({ route: label(route), status: response.status }).toEqual({ route: label(route), status: 401 });
    }
  });

  it('answers 404 to a manager of station A on every route aimed at station B', async () => {
    for (const route of stationScoped()) {
      const response = await call(route, stationB, memberOfB, bearer.managerA);
      expect({ route: label(route), status: response.status, code: response.body.code }).toEqual({
        route: label(route),
        status: 404,
        code: 'not_found',
      });
    }
  });

  it('never answers 404 to the manager for their own station A', async () => {
    for (const route of deletionsLast(stationScoped()).filter((candidate) => candidate.method === 'GET')) {
      const response = await call(route, stationA, memberOfA, bearer.managerA);
      expect({ route: label(route), notFound: response.status === 404 }).toEqual({
        route: label(route),
        notFound: false,
      });
    }
  });

  it('answers 403 to a customer on every staff route', async () => {
    const staffRoutes = routes.filter((route) => {
      const roles = route.operation['x-roles'];
      return roles !== undefined && roles.length > 0 && !roles.includes('customer');
    });
    expect(staffRoutes.length).toBeGreaterThan(3);
    for (const route of staffRoutes) {
      const response = await call(route, stationB, memberOfB, bearer.customer);
      expect({ route: label(route), status: response.status }).toEqual({ route: label(route), status: 403 });
    }
  });

  it('lets a super admin reach station B everywhere', async () => {
    for (const route of deletionsLast(stationScoped())) {
      const response = await call(route, stationB, memberOfB, bearer.superAdmin);
      expect({
        route: label(route),
        status: response.status,
        refused: [401, 403, 404, 500].includes(response.status),
      }).toEqual({
        route: label(route),
        status: response.status,
        refused: false,
      });
    }
  });
});
