// One command for a local run (`npm run up`): PostgreSQL and Redis (embedded when not configured),
// migrations, idempotent seeds, then the API with APP_ROLE=all. Ctrl-C stops everything it started.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ensurePostgres, ensureRedis, type RunningService } from './lib/local-services.ts';

const root = path.resolve(import.meta.dirname, '..');
const dataDir = path.join(root, '.data');
const logger = {
  info: (message: string) => console.log(`[up] ${message}`),
  warn: (message: string) => console.warn(`[up] ${message}`),
};

if (existsSync(path.join(root, '.env'))) process.loadEnvFile(path.join(root, '.env'));

/** Local-only secrets, generated once and kept in the git-ignored data folder so sessions survive restarts. */
function localSecrets(): { jwtSecret: string } {
  const file = path.join(dataDir, 'local-secrets.json');
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as { jwtSecret: string };
  const secrets = { jwtSecret: randomBytes(48).toString('base64url') };
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(file, JSON.stringify(secrets), { mode: 0o600 });
  return secrets;
}

const LOCAL_ADMIN = { email: 'admin@myhibachi.local', password: 'Local-Admin-2026' };
const DEMO_PASSWORD = 'Demo-Password-2026';

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
    JWT_ACCESS_SECRET: process.env.JWT_ACCESS_SECRET ?? localSecrets().jwtSecret,
    SEED_SUPER_ADMIN_EMAIL: process.env.SEED_SUPER_ADMIN_EMAIL ?? LOCAL_ADMIN.email,
    SEED_SUPER_ADMIN_PASSWORD: process.env.SEED_SUPER_ADMIN_PASSWORD ?? LOCAL_ADMIN.password,
  };
  await run(['dist/src/migrate.js', 'run'], env);
  await run(['dist/src/migrate.js', 'seed'], env);

  server = spawn(process.execPath, ['dist/src/main.js'], { cwd: root, env, stdio: 'inherit' });
  server.on('exit', (code, signal) => {
    if (!stopping) console.error(`[up] the API exited with code ${code ?? signal}`);
    void stopAll(stopping && (code === 0 || signal !== null) ? 0 : (code ?? 1));
  });
  const base = `http://localhost:${port}`;
  console.log(
    [
      '',
      `[up] PostgreSQL: ${
        process.env.DATABASE_URL
          ? 'from DATABASE_URL'
          : `embedded, data in .data/postgres${postgres.started ? '' : ' (left running by an earlier run; not stopped on exit)'}`
      }`,
      `[up] Redis:      ${redis.started ? 'local redis-server, data in .data/redis' : redis.url}`,
      `[up] API:        ${base}/api/v1`,
      `[up] Docs:       ${base}/api/docs  (OpenAPI JSON: ${base}/api/docs-json)`,
      `[up] Health:     ${base}/api/v1/health/ready`,
      `[up] Logins:     super admin ${env.SEED_SUPER_ADMIN_EMAIL} / ${process.env.SEED_SUPER_ADMIN_PASSWORD ? '(your SEED_SUPER_ADMIN_PASSWORD)' : LOCAL_ADMIN.password}`,
      ...(env.SEED_DEMO_DATA === 'false'
        ? []
        : [
            `[up]             admin.sjo@ manager.sjo@ chef.sjo@ (and .sac@) demo.myhibachi.local / ${DEMO_PASSWORD}`,
            `[up]             customer@demo.myhibachi.local / ${DEMO_PASSWORD}`,
          ]),
      '[up] Ctrl-C stops the API and the services started here.',
      '',
    ].join('\n'),
  );
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    // Ctrl-C already reached the API (same process group); a SIGTERM from a supervisor did not.
    // The databases stop once the API has drained and exited.
    if (server && server.exitCode === null) {
      if (signal === 'SIGTERM') server.kill('SIGTERM');
    } else void stopAll(0);
  });
}

main().catch((error: unknown) => {
  console.error(`[up] ${(error as Error).message}`);
  void stopAll(1);
});
