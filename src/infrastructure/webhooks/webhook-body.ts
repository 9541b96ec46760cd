import { RouteConfig } from '@nestjs/platform-fastify';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyRequest } from 'fastify';

const WEBHOOK_ROUTE = 'webhookRawBody';

/**
 * Marks a provider webhook route: it gets the webhook body limit, and its JSON body is not parsed
 * before the route verifies the signature over the raw bytes (`request.rawBody`); it parses them itself.
 */
export const WebhookBody = (): MethodDecorator => RouteConfig({ [WEBHOOK_ROUTE]: true });

function isWebhookRoute(config: unknown): boolean {
  return (config as Record<string, unknown> | undefined)?.[WEBHOOK_ROUTE] === true;
}

/**
 * Call before `app.init()` (routes are registered there). Fastify's per-route `bodyLimit` overrides
 * the server's and the parser's; Nest's route decorators cannot set it, so an `onRoute` hook does.
 * The JSON parser is the default one, except that on webhook routes an empty or malformed body is
 * left to the route (it fails verification: 401, counted by the abuse limiter) instead of a 400.
 */
export function configureWebhookBodies(
  app: NestFastifyApplication,
  limits: { webhookBodyLimitBytes: number; bodyLimitBytes: number },
): void {
  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('onRoute', (route) => {
    if (isWebhookRoute(route.config)) route.bodyLimit = limits.webhookBodyLimitBytes;
  });
  const { onProtoPoisoning, onConstructorPoisoning } = fastify.initialConfig;
  const parseJson = fastify.getDefaultJsonParser(onProtoPoisoning ?? 'error', onConstructorPoisoning ?? 'error');
  app.useBodyParser(
    'application/json',
    { bodyLimit: limits.bodyLimitBytes },
    (request: FastifyRequest, body: Buffer, done: (error: Error | null, body?: unknown) => void) => {
      if (isWebhookRoute(request.routeOptions.config)) {
        done(null, undefined);
        return;
      }
      void parseJson(request, body as unknown as string, done);
    },
  );
}
