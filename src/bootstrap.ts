import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import helmet from '@fastify/helmet';
import type { DynamicModule } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module.js';
import { createValidationPipe, ProblemDetailsDto } from './common/index.js';
import type { AppConfig } from './config/index.js';
import { enableConnectionDraining } from './infrastructure/http/connection-draining.js';
import { MetricsService } from './infrastructure/metrics/metrics.service.js';
import { mountQueueDashboard } from './infrastructure/queue/queue-dashboard.js';
import { configureWebhookBodies } from './infrastructure/webhooks/webhook-body.js';

export const GLOBAL_PREFIX = 'api/v1';
const REQUEST_ID_PATTERN = /^[A-Za-z0-9._:-]{1,128}$/;

/** Accept a caller's X-Request-Id when it is a sane token, so traces join across services. */
export function requestIdFor(request: IncomingMessage): string {
  const header = request.headers['x-request-id'];
  const candidate = Array.isArray(header) ? header[0] : header;
  return candidate && REQUEST_ID_PATTERN.test(candidate) ? candidate : randomUUID();
}

export function buildOpenApiDocument(app: NestFastifyApplication): OpenAPIObject {
  const document = new DocumentBuilder()
    .setTitle('MyHibachi API')
    .setDescription('Bookings, payments, leads, reviews, social and inbox for MyHibachi stations.')
    .setVersion('1')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
    .build();
  return SwaggerModule.createDocument(app, document, { extraModels: [ProblemDetailsDto] });
}

/**
 * Builds a fully configured application (not yet listening). main.ts and the tests share it,
 * so tests exercise exactly the production pipeline.
 */
export async function createApp(
  config: AppConfig,
  extraModules: DynamicModule['imports'] = [],
): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    bodyLimit: config.http.bodyLimitBytes,
    trustProxy: config.http.trustProxy,
    genReqId: requestIdFor,
    // pino-http (through nestjs-pino) logs requests; Fastify's own logger would log them twice.
    logger: false,
    return503OnClosing: true,
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config, extraModules), adapter, {
    rawBody: true,
    bufferLogs: true,
    abortOnError: false,
  });
  app.useLogger(app.get(Logger));
  app.flushLogs();
  configureWebhookBodies(app, {
    webhookBodyLimitBytes: config.webhooks.bodyLimitBytes,
    bodyLimitBytes: config.http.bodyLimitBytes,
  });

  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('onRequest', (request, reply, done) => {
    void reply.header('x-request-id', request.id);
    done();
  });
  enableConnectionDraining(fastify);
  const metrics = app.get(MetricsService);
  fastify.addHook('onResponse', async (request, reply) => {
    // The route pattern, not the URL: ids in paths would explode the label set.
    const route = request.routeOptions.url ?? 'unmatched';
    metrics.httpDuration.observe(
      { method: request.method, route, status: String(reply.statusCode) },
      reply.elapsedTime / 1000,
    );
  });

  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: [`'self'`],
        // Swagger UI ships inline styles and scripts.
        styleSrc: [`'self'`, `'unsafe-inline'`],
        scriptSrc: [`'self'`, `'unsafe-inline'`],
        imgSrc: [`'self'`, 'data:'],
      },
    },
  });
  app.enableCors({
    origin: config.http.corsOrigins.length > 0 ? [...config.http.corsOrigins] : false,
    credentials: true,
    exposedHeaders: ['X-Request-Id', 'Retry-After', 'Idempotent-Replayed'],
  });
  app.setGlobalPrefix(GLOBAL_PREFIX, { exclude: ['metrics'] });
  await mountQueueDashboard(app);
  app.useGlobalPipes(createValidationPipe());

  if (config.docs.enabled) {
    SwaggerModule.setup('api/docs', app, () => buildOpenApiDocument(app), {
      useGlobalPrefix: false,
      jsonDocumentUrl: 'api/docs-json',
      yamlDocumentUrl: 'api/docs-yaml',
    });
  }
  return app;
}
