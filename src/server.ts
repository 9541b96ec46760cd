import { Logger, type DynamicModule } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createApp } from './bootstrap.js';
import { ConfigValidationError, loadAppConfig, readProcessEnv, type AppConfig } from './config/index.js';
import { DatabaseUnavailableError, waitForDatabase } from './infrastructure/database/wait-for-database.js';
import { installGracefulShutdown } from './shutdown.js';

/** A start-up problem an operator can fix: reported as one line, without a stack. */
export class StartupError extends Error {}

export interface RunServerOptions {
  /** Extra modules (tests add probes); production passes none. */
  extraModules?: DynamicModule['imports'];
  /** Called after the app is built and before it listens (tests add routes here). */
  beforeListen?: (app: NestFastifyApplication) => void | Promise<void>;
}

/** Validates the environment, waits for PostgreSQL, then serves until SIGTERM/SIGINT. */
export async function runServer(options: RunServerOptions = {}): Promise<NestFastifyApplication> {
  let config: AppConfig;
  try {
    config = loadAppConfig(readProcessEnv());
    await waitForDatabase(config);
  } catch (error) {
    if (error instanceof ConfigValidationError || error instanceof DatabaseUnavailableError) {
      throw new StartupError(error.message);
    }
    throw error;
  }

  const app = await createApp(config, options.extraModules);
  const logger = new Logger('Main');
  installGracefulShutdown(app, config.http.shutdownTimeoutMs, logger);
  await options.beforeListen?.(app);
  // Workers listen too, for health and metrics only; the load balancer sends traffic to `api`.
  await app.listen({ port: config.http.port, host: config.http.host });
  logger.log(`MyHibachi API (role ${config.role}) listening on ${(await app.getUrl()).replace('[::1]', 'localhost')}`);
  return app;
}

/** Entry-point wrapper: any start-up failure becomes one line on stderr and exit code 1. */
export function runServerOrExit(options?: RunServerOptions): void {
  runServer(options).catch((error: unknown) => {
    const message = error instanceof StartupError ? error.message : `Start-up failed: ${(error as Error).message}`;
    process.stderr.write(`${message}\n`);
    process.exit(1);
  });
}
