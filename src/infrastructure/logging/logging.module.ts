import { Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { APP_CONFIG, type AppConfig } from '../../config/index.js';
import { loggableUrl } from '../../common/index.js';

/**
 * Paths pino blanks in every log line. Credentials travel in headers and in a few well-known body
 * fields; the list is deliberately broad because a leaked token is worse than a missing field.
 */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-api-key"]',
  'req.headers["stripe-signature"]',
  'req.headers["x-hub-signature-256"]',
  'req.headers["verification-token"]',
  'res.headers["set-cookie"]',
  '*.password',
  '*.currentPassword',
  '*.newPassword',
  '*.token',
  '*.accessToken',
  '*.refreshToken',
  '*.secret',
  '*.apiKey',
  '*.authorization',
];

@Module({
  imports: [
    LoggerModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        pinoHttp: {
          level: config.log.level,
          // Fastify assigned the id (an accepted X-Request-Id or a new UUID); reuse it in every line.
          genReqId: (request) => (request as unknown as { id: string }).id,
          redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
          customLogLevel: (_request, response, error) =>
            error || response.statusCode >= 500 ? 'error' : response.statusCode >= 400 ? 'warn' : 'info',
          autoLogging: { ignore: (request) => (request.url ?? '').startsWith('/api/v1/health') },
          serializers: {
            req: (request: { id: string; method: string; url: string }) => ({
              id: request.id,
              method: request.method,
              url: loggableUrl(request.url),
            }),
          },
          base: { service: 'myhibachi-api', role: config.role },
        },
      }),
    }),
  ],
})
export class LoggingModule {}
