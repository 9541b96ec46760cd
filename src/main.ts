import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { createApp } from './bootstrap.js';
import { ConfigValidationError, loadAppConfig, readProcessEnv, type AppConfig } from './config/index.js';
import { DatabaseUnavailableError, waitForDatabase } from './infrastructure/database/wait-for-database.js';
import { installGracefulShutdown } from './shutdown.js';

/** Start-up problems an operator can fix: one line on stderr, no stack, non-zero exit. */
function exitWith(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

async function main(): Promise<void> {
  let config: AppConfig;
  try {
    config = loadAppConfig(readProcessEnv());
  } catch (error) {
    if (error instanceof ConfigValidationError) exitWith(error.message);
    throw error;
  }
  try {
    await waitForDatabase(config);
  } catch (error) {
    if (error instanceof DatabaseUnavailableError) exitWith(error.message);
    throw error;
  }

  const app = await createApp(config);
  const logger = new Logger('Main');
  installGracefulShutdown(app, config.http.shutdownTimeoutMs, logger);
  // Workers also listen, for health and metrics only; the load balancer routes traffic to `api`.
  await app.listen({ port: config.http.port, host: config.http.host });
  const url = await app.getUrl();
  logger.log(`MyHibachi API (${config.role}) listening on ${url.replace('[::1]', 'localhost')}`);
}

main().catch((error: unknown) => {
  exitWith(`Start-up failed: ${error instanceof Error ? error.message : String(error)}`);
});
