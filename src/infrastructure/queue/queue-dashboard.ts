import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter as BullBoardFastifyAdapter } from '@bull-board/fastify';
import { getQueueToken } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Queue } from 'bullmq';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { bearerTokenOf, DomainError, sendProblem } from '../../common/index.js';
import { QUEUES } from './queues.js';

export const QUEUE_DASHBOARD_PATH = '/api/v1/admin/queues';
export const QUEUE_SESSION_COOKIE = 'mh_queues_session';
const DASHBOARD_ROLES = new Set(['super_admin', 'station_admin']);
/** Station admins watch; only a super admin pauses, cleans, retries or removes. */
const READ_METHODS = new Set(['GET', 'HEAD']);

interface DashboardClaims {
  role?: unknown;
  stations?: { role?: unknown }[];
}

/**
 * The Set-Cookie value of a dashboard session: HttpOnly, SameSite=Strict (the dashboard only
 * navigates within its own origin), scoped to the dashboard path, and alive no longer than the token.
 */
export function queueSessionCookie(token: string, maxAgeSeconds: number, secure: boolean): string {
  const maxAge = Math.max(0, Math.floor(maxAgeSeconds));
  return `${QUEUE_SESSION_COOKIE}=${encodeURIComponent(token)}; Path=${QUEUE_DASHBOARD_PATH}; HttpOnly; SameSite=Strict; Max-Age=${maxAge}${secure ? '; Secure' : ''}`;
}

/** The access token of a dashboard request: a bearer header, or the session cookie a browser holds. */
function tokenOf(request: FastifyRequest): string | undefined {
  const bearer = bearerTokenOf(request.headers.authorization);
  if (bearer) return bearer;
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name !== QUEUE_SESSION_COOKIE) continue;
    try {
      return decodeURIComponent(value.join('='));
    } catch {
      return undefined;
    }
  }
  return undefined;
}

function dashboardGuard(jwt: JwtService, logger: Logger) {
  return async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    const token = tokenOf(request);
    // verifyAsync checks signature, algorithm, issuer, audience and expiry.
    const claims = token ? await jwt.verifyAsync<DashboardClaims>(token).catch(() => undefined) : undefined;
    if (!claims) {
      return sendProblem(
        new DomainError('unauthorized', 'Log in and open a dashboard session first.'),
        request,
        reply,
        logger,
      );
    }
    const roles = [claims.role, ...(Array.isArray(claims.stations) ? claims.stations : []).map((s) => s.role)];
    if (!roles.some((role) => DASHBOARD_ROLES.has(String(role)))) {
      return sendProblem(
        new DomainError('forbidden', 'The queue dashboard is for super admins and station admins.'),
        request,
        reply,
        logger,
      );
    }
    if (claims.role !== 'super_admin' && !READ_METHODS.has(request.method)) {
      return sendProblem(
        new DomainError('forbidden', 'Only a super admin may change queues or jobs; station admins have read access.'),
        request,
        reply,
        logger,
      );
    }
  };
}

/**
 * Bull Board under the global prefix, for super admins and station admins (read-only). A browser
 * gets in with a short-lived HttpOnly cookie (POST .../admin/queues/session with its bearer token),
 * since a page cannot send an Authorization header; the cookie holds the access token and expires
 * with it. The auth hook lives in the board's own plugin scope, so it runs for every route of the
 * board however the request spelled the path (Fastify routes on the percent-decoded path).
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
  const guard = dashboardGuard(app.get(JwtService, { strict: false }), new Logger('QueueDashboard'));
  await app.register(
    async (scope: FastifyInstance) => {
      scope.addHook('onRequest', guard);
      await scope.register(serverAdapter.registerPlugin());
    },
    { prefix: QUEUE_DASHBOARD_PATH },
  );
}
