import { createTestApp, type TestApp } from '../support/test-app.js';
import { ProbeModule } from '../support/probe.module.js';

interface Operation {
  responses: Record<string, { content?: Record<string, unknown> }>;
  security?: unknown[];
}

describe('OpenAPI document', () => {
  let sut: TestApp;
  let document: {
    openapi: string;
    paths: Record<string, Record<string, Operation>>;
    components: { securitySchemes: Record<string, { type: string; scheme: string }>; schemas: Record<string, unknown> };
  };

  beforeAll(async () => {
    sut = await createTestApp({ extraModules: [ProbeModule] });
    document = (await sut.http().get('/api/docs-json').expect(200)).body;
  });
  afterAll(() => sut.close());

  it('is OpenAPI 3 with the bearer scheme and the problem schema', () => {
    expect(document.openapi).toMatch(/^3\.\d+\.\d+$/);
    expect(document.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(document.components.schemas.ProblemDetailsDto).toBeDefined();
    expect(document.paths['/api/v1/health/ready']).toBeDefined();
  });

  it('documents a success and problem+json errors for every operation', () => {
    const operations = Object.entries(document.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, operation]) => ({ route: `${method.toUpperCase()} ${path}`, operation })),
    );
    expect(operations.length).toBeGreaterThan(3);
    for (const { route, operation } of operations) {
      const statuses = Object.keys(operation.responses);
      expect({ route, success: statuses.some((status) => status.startsWith('2')) }).toEqual({ route, success: true });
      const errors = statuses.filter((status) => /^[45]/.test(status));
      expect({ route, documentsErrors: errors.length > 0 }).toEqual({ route, documentsErrors: true });
      for (const status of errors) {
        expect({ route, status, problem: Object.keys(operation.responses[status].content ?? {}) }).toEqual({
          route,
          status,
          problem: expect.arrayContaining(['application/problem+json']),
        });
      }
    }
  });

  it('serves the Swagger UI', async () => {
    const response = await sut.http().get('/api/docs').redirects(1).expect(200);
    expect(response.text).toContain('swagger-ui');
  });
});
