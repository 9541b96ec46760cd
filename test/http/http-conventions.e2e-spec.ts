import { createTestApp, type TestApp } from '../support/test-app.js';
import { ProbeModule } from '../support/probe.module.js';

const PROBLEM = /^application\/problem\+json/;

describe('HTTP conventions', () => {
  let sut: TestApp;

  beforeAll(async () => {
    sut = await createTestApp({ extraModules: [ProbeModule] });
  });
  afterAll(() => sut.close());

  const validBody = { name: 'Ann', email: 'ann@example.com', guests: 10, address: { zip: '95112' } };

  it('accepts a valid body', async () => {
    const response = await sut.http().post('/api/v1/test-probe/echo').send(validBody).expect(200);
    expect(response.body).toEqual(validBody);
  });

  it('answers malformed JSON with 400 problem+json', async () => {
    const response = await sut
      .http()
      .post('/api/v1/test-probe/echo')
      .set('content-type', 'application/json')
      .send('{"name": "Ann",')
      .expect(400);
    expect(response.headers['content-type']).toMatch(PROBLEM);
    expect(response.body).toMatchObject({ status: 400, code: 'malformed_body', title: 'Malformed request body' });
    expect(response.body.requestId).toEqual(response.headers['x-request-id']);
  });

  it('names unknown fields', async () => {
    const response = await sut
      .http()
      .post('/api/v1/test-probe/echo')
      .send({ ...validBody, role: 'super_admin', stationId: 'x' })
      .expect(400);
    expect(response.headers['content-type']).toMatch(PROBLEM);
    expect(response.body.code).toBe('validation_failed');
    expect(response.body.errors.map((error: { field: string }) => error.field).sort()).toEqual(['role', 'stationId']);
  });

  it('names each field of the wrong type, including nested ones', async () => {
    const response = await sut
      .http()
      .post('/api/v1/test-probe/echo')
      .send({ name: 42, email: 'not-an-email', guests: '10', address: { zip: 95112 } })
      .expect(400);
    const fields = response.body.errors.map((error: { field: string }) => error.field).sort();
    expect(fields).toEqual(['address.zip', 'email', 'guests', 'name']);
    for (const error of response.body.errors) expect(error.messages.length).toBeGreaterThan(0);
  });

  it('refuses a body over the limit with 413', async () => {
    const response = await sut
      .http()
      .post('/api/v1/test-probe/echo')
      .send({ ...validBody, name: 'x'.repeat(sut.config.http.bodyLimitBytes + 10) })
      .expect(413);
    expect(response.body.code).toBe('payload_too_large');
  });

  it('answers an unknown route with 404 problem+json', async () => {
    const response = await sut.http().get('/api/v1/no-such-thing?token=secret').expect(404);
    expect(response.headers['content-type']).toMatch(PROBLEM);
    expect(response.body).toMatchObject({ status: 404, code: 'route_not_found', instance: '/api/v1/no-such-thing' });
    expect(JSON.stringify(response.body)).not.toContain('secret');
  });

  it('turns an unexpected error into a 500 that carries the request id and nothing internal', async () => {
    const response = await sut.http().get('/api/v1/test-probe/boom').set('X-Request-Id', 'trace-123').expect(500);
    expect(response.headers['content-type']).toMatch(PROBLEM);
    expect(response.headers['x-request-id']).toBe('trace-123');
    expect(response.body).toEqual({
      type: 'https://myhibachi.com/problems/internal-error',
      title: 'Internal server error',
      status: 500,
      detail: 'An unexpected error occurred.',
      instance: '/api/v1/test-probe/boom',
      code: 'internal_error',
      requestId: 'trace-123',
    });
    expect(JSON.stringify(response.body)).not.toMatch(/secret_table|internal\.ts|stack/);
  });

  it('echoes a sane X-Request-Id and replaces an unsafe one', async () => {
    const kept = await sut.http().get('/api/v1/health').set('X-Request-Id', 'abc-123').expect(200);
    expect(kept.headers['x-request-id']).toBe('abc-123');
    const replaced = await sut.http().get('/api/v1/health').set('X-Request-Id', 'bad id <script>').expect(200);
    expect(replaced.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('sets security headers', async () => {
    const response = await sut.http().get('/api/v1/health').expect(200);
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['content-security-policy']).toContain("default-src 'self'");
  });
});
