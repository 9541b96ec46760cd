import { createHmac } from 'node:crypto';
import { DataSource } from 'typeorm';
import { Factories, TEST_PASSWORD } from '../support/factories.js';
import { createTestApp, TEST_JWT_SECRET, type TestApp } from '../support/test-app.js';

function signJwt(header: object, payload: object, secret: string): string {
  const encode = (part: object): string => Buffer.from(JSON.stringify(part)).toString('base64url');
  const unsigned = `${encode(header)}.${encode(payload)}`;
  return `${unsigned}.${createHmac('sha256', secret).update(unsigned).digest('base64url')}`;
}

describe('auth', () => {
  let sut: TestApp;
  let factories: Factories;

  beforeAll(async () => {
    sut = await createTestApp({
      env: { LOGIN_MAX_FAILURES: '10', LOGIN_FAILURE_WINDOW_SECONDS: '2', LOGIN_MAX_PER_IP_PER_MINUTE: '1000' },
    });
    factories = new Factories(sut);
  });
  afterAll(() => sut.close());

  it('registers, logs in, reads /auth/me, refreshes (old token then fails) and logs out (refresh fails)', async () => {
    const registered = await sut
      .http()
      .post('/api/v1/auth/register')
      .send({ email: '  Ann.Lee@Example.COM ', password: 'correct horse 7', fullName: 'Ann Lee' })
      .expect(201);
    expect(registered.body).toMatchObject({ tokenType: 'Bearer', expiresIn: 900 });

    const login = await sut
      .http()
      .post('/api/v1/auth/login')
      .send({ email: 'ann.lee@example.com', password: 'correct horse 7' })
      .expect(200);
    const me = await sut
      .http()
      .get('/api/v1/auth/me')
      .set('Authorization', `Bearer ${login.body.accessToken}`)
      .expect(200);
    expect(me.body).toMatchObject({
      email: 'ann.lee@example.com',
      fullName: 'Ann Lee',
      role: 'customer',
      memberships: [],
    });

    const refreshed = await sut
      .http()
      .post('/api/v1/auth/refresh')
      .send({ refreshToken: login.body.refreshToken })
      .expect(200);
    expect(refreshed.body.refreshToken).not.toBe(login.body.refreshToken);
    await sut.http().get('/api/v1/auth/me').set('Authorization', `Bearer ${refreshed.body.accessToken}`).expect(200);

    const reused = await sut
      .http()
      .post('/api/v1/auth/refresh')
      .send({ refreshToken: login.body.refreshToken })
      .expect(401);
    expect(reused.body.code).toBe('invalid_refresh_token');

    const second = await factories.login('ann.lee@example.com', 'correct horse 7');
    await sut.http().post('/api/v1/auth/logout').send({ refreshToken: second.refreshToken }).expect(204);
    await sut.http().post('/api/v1/auth/refresh').send({ refreshToken: second.refreshToken }).expect(401);
  });

  it('revokes the whole family when a rotated refresh token is reused', async () => {
    const user = await factories.user();
    const first = await factories.login(user.email);
    const second = (
      await sut.http().post('/api/v1/auth/refresh').send({ refreshToken: first.refreshToken }).expect(200)
    ).body;
    const third = (
      await sut.http().post('/api/v1/auth/refresh').send({ refreshToken: second.refreshToken }).expect(200)
    ).body;

    // An attacker replays the first token: refused, and the family dies with it.
    await sut.http().post('/api/v1/auth/refresh').send({ refreshToken: first.refreshToken }).expect(401);
    await sut.http().post('/api/v1/auth/refresh').send({ refreshToken: third.refreshToken }).expect(401);

    const [row] = await sut.app
      .get(DataSource)
      .query<{ revoked: string; total: string }[]>(
        "SELECT count(*) FILTER (WHERE revoked_reason = 'reuse_detected') AS revoked, count(*) AS total FROM refresh_tokens WHERE user_id = $1",
        [user.id],
      );
    expect(Number(row.total)).toBe(3);
    expect(Number(row.revoked)).toBeGreaterThanOrEqual(1);
  });

  it('lets only one of two concurrent exchanges of the same refresh token succeed', async () => {
    const user = await factories.user();
    const { refreshToken } = await factories.login(user.email);
    const statuses = await Promise.all(
      [0, 1].map(() =>
        sut
          .http()
          .post('/api/v1/auth/refresh')
          .send({ refreshToken })
          .then((response) => response.status),
      ),
    );
    expect(statuses.sort()).toEqual([200, 401]);
  });

  describe('access token verification', () => {
    let userId: string;
    const now = (): number => Math.floor(Date.now() / 1000);
    const claims = (extra: object = {}): object => ({
      sub: userId,
      email: 'x@example.com',
      role: 'super_admin',
      stations: [],
      iss: 'myhibachi-api',
      aud: 'myhibachi-clients',
      iat: now(),
      exp: now() + 600,
      ...extra,
    });
    const me = (token: string) => sut.http().get('/api/v1/auth/me').set('Authorization', `Bearer ${token}`);

    beforeAll(async () => {
      userId = (await factories.user()).id;
    });

    it('accepts a correctly signed token (control)', async () => {
      await me(signJwt({ alg: 'HS256', typ: 'JWT' }, claims(), TEST_JWT_SECRET)).expect(200);
    });

    it.each([
      [
        'signed with another secret',
        () => signJwt({ alg: 'HS256', typ: 'JWT' }, claims(), 'another-secret-another-secret-xx'),
      ],
      [
        'with alg none',
        () =>
          `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${Buffer.from(JSON.stringify(claims())).toString('base64url')}.`,
      ],
      ['with alg HS512', () => signJwt({ alg: 'HS512', typ: 'JWT' }, claims(), TEST_JWT_SECRET)],
      [
        'expired',
        () => signJwt({ alg: 'HS256', typ: 'JWT' }, claims({ exp: now() - 5, iat: now() - 905 }), TEST_JWT_SECRET),
      ],
      [
        'for another audience',
        () => signJwt({ alg: 'HS256', typ: 'JWT' }, claims({ aud: 'someone-else' }), TEST_JWT_SECRET),
      ],
      ['from another issuer', () => signJwt({ alg: 'HS256', typ: 'JWT' }, claims({ iss: 'evil' }), TEST_JWT_SECRET)],
      ['with a forged role', () => signJwt({ alg: 'HS256', typ: 'JWT' }, claims({ role: 'god' }), TEST_JWT_SECRET)],
    ])('refuses a token %s with 401', async (_name, token) => {
      const response = await me(token()).expect(401);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.body.code).toBe('unauthorized');
    });

    it('refuses a missing or malformed Authorization header with 401', async () => {
      await sut.http().get('/api/v1/auth/me').expect(401);
      await sut.http().get('/api/v1/auth/me').set('Authorization', 'Basic abc').expect(401);
    });
  });

  it('does not let a customer choose their role or station at sign-up', async () => {
    const response = await sut
      .http()
      .post('/api/v1/auth/register')
      .send({
        email: 'mallory@example.com',
        password: 'correct horse 7',
        fullName: 'M',
        role: 'super_admin',
        stations: ['x'],
      })
      .expect(400);
    expect(response.body.errors.map((error: { field: string }) => error.field).sort()).toEqual(['role', 'stations']);
    const [row] = await sut.app
      .get(DataSource)
      .query<{ n: string }[]>("SELECT count(*) AS n FROM users WHERE email = 'mallory@example.com'");
    expect(Number(row.n)).toBe(0);
  });

  it('refuses a duplicate e-mail (any case) with 409 and a weak password with 400', async () => {
    const user = await factories.user();
    const duplicate = await sut
      .http()
      .post('/api/v1/auth/register')
      .send({ email: user.email.toUpperCase(), password: 'correct horse 7', fullName: 'Dup' })
      .expect(409);
    expect(duplicate.body.code).toBe('email_taken');
    const weak = await sut
      .http()
      .post('/api/v1/auth/register')
      .send({ email: 'weak@example.com', password: 'short', fullName: 'W' })
      .expect(400);
    expect(weak.body.code).toBe('weak_password');
  });

  it('answers an unknown e-mail and a wrong password identically', async () => {
    const user = await factories.user();
    const unknown = await sut
      .http()
      .post('/api/v1/auth/login')
      .send({ email: 'nobody@example.com', password: TEST_PASSWORD })
      .expect(401);
    const wrong = await sut
      .http()
      .post('/api/v1/auth/login')
      .send({ email: user.email, password: 'wrong-password-1' })
      .expect(401);
    const strip = (body: Record<string, unknown>) => ({ ...body, requestId: undefined });
    expect(strip(unknown.body)).toEqual(strip(wrong.body));
    expect(unknown.body.code).toBe('invalid_credentials');
  });

  it('answers 429 with Retry-After after repeated wrong passwords, and the right one works after the window', async () => {
    const user = await factories.user();
    const statuses: number[] = [];
    let retryAfter: string | undefined;
    for (let attempt = 0; attempt < 20; attempt += 1) {
      const response = await sut
        .http()
        .post('/api/v1/auth/login')
        .send({ email: user.email, password: `wrong-${attempt}-password` });
      statuses.push(response.status);
      if (response.status === 429) retryAfter = response.headers['retry-after'];
    }
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(401));
    expect(statuses.slice(10)).toEqual(Array(10).fill(429));
    expect(Number(retryAfter)).toBeGreaterThan(0);
    // Locked: even the right password is refused inside the window.
    await sut.http().post('/api/v1/auth/login').send({ email: user.email, password: TEST_PASSWORD }).expect(429);
    await new Promise((resolve) => setTimeout(resolve, 2100));
    await sut.http().post('/api/v1/auth/login').send({ email: user.email, password: TEST_PASSWORD }).expect(200);
  });

  it('holds the account limit when wrong passwords arrive in parallel', async () => {
    const user = await factories.user();
    const responses = await Promise.all(
      Array.from({ length: 25 }, (_, attempt) =>
        sut
          .http()
          .post('/api/v1/auth/login')
          .send({ email: user.email, password: `parallel-${attempt}-guess` }),
      ),
    );
    const statuses = responses.map((response) => response.status);
    expect(statuses.filter((status) => status === 401)).toHaveLength(10);
    expect(statuses.filter((status) => status === 429)).toHaveLength(15);
  });

  it('changes the password and ends the other sessions', async () => {
    const user = await factories.user();
    const session = await factories.login(user.email);
    await sut
      .http()
      .post('/api/v1/auth/password')
      .set('Authorization', session.bearer)
      .send({ currentPassword: 'not-it-1234', newPassword: 'brand new pass 9' })
      .expect(400);
    await sut
      .http()
      .post('/api/v1/auth/password')
      .set('Authorization', session.bearer)
      .send({ currentPassword: TEST_PASSWORD, newPassword: 'brand new pass 9' })
      .expect(204);
    await sut.http().post('/api/v1/auth/refresh').send({ refreshToken: session.refreshToken }).expect(401);
    await sut.http().post('/api/v1/auth/login').send({ email: user.email, password: TEST_PASSWORD }).expect(401);
    await factories.login(user.email, 'brand new pass 9');
  });

  it('stores passwords as argon2id hashes', async () => {
    const [row] = await sut.app
      .get(DataSource)
      .query<{ password_hash: string }[]>("SELECT password_hash FROM users WHERE email = 'ann.lee@example.com'");
    expect(row.password_hash).toMatch(/^\$argon2id\$v=19\$/);
  });
});
