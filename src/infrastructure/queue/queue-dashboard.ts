import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter as BullBoardFastifyAdapter } from '@bull-board/fastify';
import { getQueueToken } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Queue } from 'bullmq';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DomainError, sendProblem } from '../../common/index.js';
import { QUEUES } from './queues.js';

export const QUEUE_DASHBOARD_PATH = '/api/v1/admin/queues';
export const QUEUE_SESSION_COOKIE = 'mh_queues_session';
const DASHBOARD_ROLES = new Set(['super_admin', 'station_admin']);

/** The access token of a dashboard request: the session cookie a browser holds, or a bearer header. */
function tokenOf(request: FastifyRequest): string | undefined {
  const bearer = request.headers.authorization?.match(/^Bearer (.+)$/)?.[1];
  if (bearer) return bearer;
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === QUEUE_SESSION_COOKIE) return decodeURIComponent(value.join('='));
  }
  return undefined;
}

/**
 * Bull Board under the global prefix, for super admins and station admins only. A browser gets in
 * with a short-lived HttpOnly cookie (POST .../admin/queues/session with its bearer token), since a
 * page cannot send an Authorization header; the cookie holds the access token and expires with it.
 */
export async function mountQueueDashboard(app: NestFastifyApplication): Promise<void> {
  const serverAdapter = new BullBoardFastifyAdapter();
  serverAdapter.setBasePath(QUEUE_DASHBOARD_PATH);
  createBullBoard({
    queues: Object.values(QUEUES).map(
      (name) => new BullMQAdapter(app.get<Queue>(getQueueToken(name), { strict: false })),
    ),
    serverAdapter,
  });
  const jwt = app.get(JwtService, { strict: false });
  const logger = new Logger('QueueDashboard');
  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    const path = request.url.split('?')[0];
    if (!path.startsWith(QUEUE_DASHBOARD_PATH) || path === `${QUEUE_DASHBOARD_PATH}/session`) return;
    const token = tokenOf(request);
    let claims: { role?: unknown; stations?: { role?: unknown }[] } | undefined;
    try {
      claims = token ? await jwt.verifyAsync<{ role?: unknown; stations?: { role?: unknown }[] }>(token) : undefined;
    } catch {
      claims = undefined;
    }
    if (!claims) {
      return sendProblem(
        new DomainError('unauthorized', 'Log in and open a dashboard session first.'),
        request,
        reply,
        logger,
      );
    }
    const roles = [claims.role, ...(claims.stations ?? []).map((station) => station.role)];
    if (!roles.some((role) => DASHBOARD_ROLES.has(String(role)))) {
      return sendProblem(
        new DomainError('forbidden', 'The queue dashboard is for super admins and station admins.'),
        request,
        reply,
        logger,
      );
    }
  });
  await app.register(serverAdapter.registerPlugin(), { prefix: QUEUE_DASHBOARD_PATH });
}
