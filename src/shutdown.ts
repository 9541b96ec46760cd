import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { startDraining } from './infrastructure/http/connection-draining.js';

export interface ShutdownLogger {
  log(message: string): void;
  error(message: string): void;
}

/**
 * Stops in the order that loses nothing: refuse new requests and let in-flight ones finish
 * (Fastify's close waits for them), then close workers, queues, Redis and the pool through Nest's
 * shutdown hooks. A second signal or the timeout forces the exit.
 */
export function installGracefulShutdown(
  app: NestFastifyApplication,
  timeoutMs: number,
  logger: ShutdownLogger,
  exit: (code: number) => void = (code) => process.exit(code),
): void {
  let shuttingDown = false;
  const shutdown = (signal: NodeJS.Signals): void => {
    if (shuttingDown) {
      logger.error(`Received ${signal} again, exiting now`);
      exit(1);
      return;
    }
    shuttingDown = true;
    logger.log(`Received ${signal}, shutting down gracefully`);
    const timer = setTimeout(() => {
      logger.error(`Graceful shutdown exceeded ${timeoutMs} ms, exiting`);
      exit(1);
    }, timeoutMs);
    timer.unref();
    startDraining(app.getHttpAdapter().getInstance());
    app
      .close()
      .then(() => {
        clearTimeout(timer);
        logger.log('Shutdown complete');
        exit(0);
      })
      .catch((error: unknown) => {
        logger.error(`Shutdown failed: ${(error as Error).message}`);
        exit(1);
      });
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}
