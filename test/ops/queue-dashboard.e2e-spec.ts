import { JwtService } from '@nestjs/jwt';
import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { QUEUES } from '../../src/infrastructure/queue/queues.js';
import { Factories } from '../support/factories.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

const DASHBOARD = '/api/v1/admin/queues';

function sessionCookie(setCookie: unknown): string {
  return String(setCookie).split(';')[0];
}

describe('queue dashboard', () => {
  let sut: TestApp;
  let factories: Factories;

  beforeAll(async () => {
    sut = await createTestApp({ env: { TRUST_PROXY: 'true' } });
    factories = new Factories(sut);
  });
  afterAll(() => sut.close());

  async function stationAdmin(): Promise<{ id: string; bearer: string; accessToken: string; stationId: string }> {
    const station = await factories.station();
    const member = await factories.member(station.id, 'station_admin');
    return { ...(await factories.login(member.email)), id: member.id, stationId: station.id };
  }

  it('refuses anonymous visitors and staff below station admin', async () => {
    const anonymous = await sut.http().get(DASHBOARD).expect(401);
    expect(anonymous.headers['content-type']).toMatch(/^application\/problem\+json/);
    const station = await factories.station();
    const chef = await factories.login((await factories.member(station.id, 'chef')).email);
    await sut.http().get(DASHBOARD).set('Authorization', chef.bearer).expect(403);
    await sut.http().post(`${DASHBOARD}/session`).set('Authorization', chef.bearer).expect(403);
  });

  it.each([
    '/api/v1/admin/%71ueues',
    '/api/v1/admin/%71ueues/',
    '/api/v1/admin/%71ueues/api/queues',
    '/%61pi/v1/admin/queues/api/queues',
    '/api/v1/admin/queues/%61pi/queues',
    '/api/v1/%61dmin/queues/api/queues',
  ])('refuses %s without credentials, however the path is spelled', async (url) => {
    const response = await sut.app.inject({ method: 'GET', url });
    expect(response.statusCode).toBe(401);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it('lets a station admin in through a short-lived HttpOnly session cookie', async () => {
    const admin = await stationAdmin();
    const session = await sut.http().post(`${DASHBOARD}/session`).set('Authorization', admin.bearer).expect(204);
    const cookie = String(session.headers['set-cookie']);
    expect(cookie).toMatch(
      /^mh_queues_session=[^;]+; Path=\/api\/v1\/admin\/queues; HttpOnly; SameSite=Strict; Max-Age=\d+$/,
    );
    expect(Number(cookie.match(/Max-Age=(\d+)/)?.[1])).toBeGreaterThan(800);
    expect(Number(cookie.match(/Max-Age=(\d+)/)?.[1])).toBeLessThanOrEqual(900);

    const page = await sut.http().get(DASHBOARD).set('Cookie', sessionCookie(cookie)).expect(200);
    expect(page.text).toContain('<html');
    const base = page.text.match(/<base href="([^"]+)"/)?.[1];
    const script = page.text.match(/src="(static\/[^"]+)"/)?.[1];
    const asset = new URL(script ?? '', `http://dashboard${base ?? ''}`).pathname;
    expect(asset).toMatch(/^\/api\/v1\/admin\/queues\/static\//);
    await sut.http().get(asset).set('Cookie', sessionCookie(cookie)).expect(200);
    await sut.http().get(asset).expect(401);
    const api = await sut.http().get(`${DASHBOARD}/api/queues`).set('Cookie', sessionCookie(cookie)).expect(200);
    expect(api.body.queues.map((queue: { name: string }) => queue.name).sort()).toEqual(Object.values(QUEUES).sort());

    await sut.http().get(DASHBOARD).set('Cookie', 'mh_queues_session=forged.token.value').expect(401);
  });

  it('marks the cookie Secure when the request came over HTTPS', async () => {
    const admin = await stationAdmin();
    const session = await sut
      .http()
      .post(`${DASHBOARD}/session`)
      .set('Authorization', admin.bearer)
      .set('X-Forwarded-Proto', 'https')
      .expect(204);
    expect(String(session.headers['set-cookie'])).toMatch(/; HttpOnly; .*; Secure(;|$)/);
  });

  it('accepts the bearer scheme in any case, for the session and for the dashboard', async () => {
    const admin = await stationAdmin();
    await sut.http().get(`${DASHBOARD}/api/queues`).set('Authorization', `bearer ${admin.accessToken}`).expect(200);
    await sut.http().get(`${DASHBOARD}/api/queues`).set('Authorization', `BEARER ${admin.accessToken}`).expect(200);
    const session = await sut
      .http()
      .post(`${DASHBOARD}/session`)
      .set('Authorization', `bearer ${admin.accessToken}`)
      .expect(204);
    await sut
      .http()
      .get(`${DASHBOARD}/api/queues`)
      .set('Cookie', sessionCookie(session.headers['set-cookie']))
      .expect(200);
  });

  it('gives the cookie no longer than the access token has left, and refuses an expired token', async () => {
    const admin = await stationAdmin();
    const jwt = sut.app.get(JwtService, { strict: false });
    const claims = {
      email: 'admin@example.com',
      role: 'staff',
      stations: [{ stationId: admin.stationId, role: 'station_admin' }],
    };
    const shortLived = await jwt.signAsync(claims, { subject: admin.id, expiresIn: 60 });
    const session = await sut
      .http()
      .post(`${DASHBOARD}/session`)
      .set('Authorization', `Bearer ${shortLived}`)
      .expect(204);
    expect(Number(String(session.headers['set-cookie']).match(/Max-Age=(\d+)/)?.[1])).toBeLessThanOrEqual(60);

    const expired = await jwt.signAsync(claims, { subject: admin.id, expiresIn: -10 });
    const refused = await sut.http().get(DASHBOARD).set('Cookie', `mh_queues_session=${expired}`).expect(401);
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    await sut.http().post(`${DASHBOARD}/session`).set('Authorization', `Bearer ${expired}`).expect(401);
  });

  it('is read-only for station admins, whatever the path spelling', async () => {
    const admin = await stationAdmin();
    const queue = sut.app.get<Queue>(getQueueToken(QUEUES.webhooks), { strict: false });
    for (const url of [`${DASHBOARD}/api/queues/webhooks/pause`, '/api/v1/admin/%71ueues/api/queues/webhooks/pause']) {
      const response = await sut.app.inject({ method: 'PUT', url, headers: { authorization: admin.bearer } });
      expect(response.statusCode).toBe(403);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.json()).toMatchObject({ code: 'forbidden' });
    }
    const clean = await sut.app.inject({
      method: 'PUT',
      url: `${DASHBOARD}/api/queues/webhooks/clean/failed`,
      headers: { authorization: admin.bearer },
    });
    expect(clean.statusCode).toBe(403);
    expect(await queue.isPaused()).toBe(false);
    await sut.http().head(`${DASHBOARD}/api/queues`).set('Authorization', admin.bearer).expect(200);
  });

  it('gives super admins full access', async () => {
    const superAdmin = await factories.login((await factories.user({ role: 'super_admin' })).email);
    const queue = sut.app.get<Queue>(getQueueToken(QUEUES.webhooks), { strict: false });
    try {
      await sut
        .http()
        .put(`${DASHBOARD}/api/queues/webhooks/pause`)
        .set('Authorization', superAdmin.bearer)
        .expect(200);
      expect(await queue.isPaused()).toBe(true);
    } finally {
      await queue.resume();
    }
  });
});
