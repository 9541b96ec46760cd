// One command for a local run (`npm run up`): PostgreSQL and Redis (embedded when not configured),
// migrations, idempotent seeds, then the API with APP_ROLE=all. Ctrl-C stops everything it started.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { ensurePostgres, ensureRedis, type RunningService } from './lib/local-services.ts';

const root = path.resolve(import.meta.dirname, '..');
const dataDir = path.join(root, '.data');
const logger = {
  info: (message: string) => console.log(`[up] ${message}`),
  warn: (message: string) => console.warn(`[up] ${message}`),
};

if (existsSync(path.join(root, '.env'))) process.loadEnvFile(path.join(root, '.env'));

const started: RunningService[] = [];
let server: ChildProcess | undefined;
let stopping = false;

async function stopAll(code: number): Promise<never> {
  stopping = true;
  for (const service of started.reverse()) await service.stop().catch(() => undefined);
  process.exit(code);
}

function run(args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: root, env, stdio: 'inherit' });
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${args.join(' ')} exited with ${code}`))));
  });
}

async function main(): Promise<void> {
  const postgres = await ensurePostgres({
    configuredUrl: process.env.DATABASE_URL,
    dataDir: path.join(dataDir, 'postgres'),
    port: Number(process.env.LOCAL_POSTGRES_PORT ?? 54320),
    database: 'myhibachi',
    logger,
  });
  if (postgres.started) started.push(postgres);
  const redis = await ensureRedis({
    configuredUrl: process.env.REDIS_URL,
    dataDir: path.join(dataDir, 'redis'),
    port: 6379,
    logger,
  });
  if (redis.started) started.push(redis);

  const port = process.env.PORT ?? '3000';
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: postgres.url,
    REDIS_URL: redis.url,
    APP_ROLE: 'all',
    PORT: port,
  };
  await run(['dist/src/migrate.js', 'run'], env);
  await run(['dist/src/migrate.js', 'seed'], env);

  server = spawn(process.execPath, ['dist/src/main.js'], { cwd: root, env, stdio: 'inherit' });
  server.on('exit', (code) => {
    if (!stopping) console.error(`[up] the API exited with code ${code}`);
    void stopAll(code ?? 1);
  });
  const base = `http://localhost:${port}`;
  console.log(
    [
      '',
      `[up] PostgreSQL: ${postgres.started ? 'embedded, data in .data/postgres' : 'from DATABASE_URL'}`,
      `[up] Redis:      ${redis.started ? 'local redis-server, data in .data/redis' : redis.url}`,
      `[up] API:        ${base}/api/v1`,
      `[up] Docs:       ${base}/api/docs  (OpenAPI JSON: ${base}/api/docs-json)`,
      `[up] Health:     ${base}/api/v1/health/ready`,
      '[up] Ctrl-C stops the API and the services started here.',
      '',
    ].join('\n'),
  );
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    // The API drains its requests first; the databases stop once it has exited.
    if (server && server.exitCode === null) server.kill('SIGTERM');
    else void stopAll(0);
  });
}

main().catch((error: unknown) => {
  console.error(`[up] ${(error as Error).message}`);
  void stopAll(1);
});
