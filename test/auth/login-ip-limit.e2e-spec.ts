import { createTestApp, type TestApp } from '../support/test-app.js';

// Its own suite: @Transactional() resolves a process-wide TransactionHost, so each suite runs one app.
describe('login limit per client IP', () => {
  let sut: TestApp;

  beforeAll(async () => {
    sut = await createTestApp({ env: { LOGIN_MAX_PER_IP_PER_MINUTE: '3' } });
  });
  afterAll(() => sut.close());

  it('refuses a password spray across accounts from one IP', async () => {
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 4; attempt += 1) {
      const response = await sut
        .http()
        .post('/api/v1/auth/login')
        .send({ email: `spray-${attempt}@example.com`, password: 'some-password-1' });
      statuses.push(response.status);
    }
    expect(statuses).toEqual([401, 401, 401, 429]);
  });
});
