// Load benchmark of the hot booking endpoints (`npm run bench`): a fresh, seeded database, the
// compiled API as a child process, autocannon against four routes, and the server's RSS sampled
// throughout. Everything started here is stopped again, also on failure and on Ctrl-C.
//
// Run directly by Node's TypeScript type stripping: erasable syntax only, nothing from src/.
//
// Environment (all optional):
//   DATABASE_URL / REDIS_URL   servers to use (else 127.0.0.1:5432 / 6379 when they answer, else embedded)
//   BENCH_DURATION             seconds of measured load per endpoint (default 15)
//   BENCH_CONNECTIONS          concurrent connections (default 50)
//   BENCH_WARMUP               seconds of unmeasured load before each endpoint (default 2)
//   BENCH_BOOKINGS             bookings to seed (default 20000)
//   BENCH_EMBEDDED=1           use the embedded PostgreSQL / redis-server even when local servers answer
//   BENCH_ONLY                 run only the endpoints whose name contains this text (e.g. "quote")

import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { inspect } from 'node:util';
import argon2 from 'argon2';
import autocannon from 'autocannon';
import { Redis } from 'ioredis';
import pg, { type Client as PgClient } from 'pg';
import {
  createDatabaseIfMissing,
  ensurePostgres,
  ensureRedis,
  isPortOpen,
  type RunningService,
} from '../scripts/lib/local-services.ts';

const root = path.resolve(import.meta.dirname, '..');
const resultsFile = path.join(root, 'bench', 'results', 'latest.json');

const logger = {
  info: (message: string): void => console.log(`[bench] ${message}`),
  warn: (message: string): void => console.warn(`[bench] ${message}`),
};

function positiveInt(name: string, fallback: number): number {
  const raw = process.env[name]?.trim();
  if (!raw) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive integer (got "${raw}")`);
  return value;
}

const DURATION_S = positiveInt('BENCH_DURATION', 15);
const CONNECTIONS = positiveInt('BENCH_CONNECTIONS', 50);
const WARMUP_S = Number(process.env.BENCH_WARMUP ?? 2) || 0;
const BOOKINGS = positiveInt('BENCH_BOOKINGS', 20_000);
const FORCE_EMBEDDED = ['1', 'true', 'yes'].includes(process.env.BENCH_EMBEDDED?.trim().toLowerCase() ?? '');
const MAX_FAILED_SHARE = 0.01;

// --- the seeded station --------------------------------------------------------------------------

const STATION_ZONE = 'America/Los_Angeles';
const STATION_DAYS = 180;
const CHEFS = 20;
const MANAGER_EMAIL = 'manager@bench.myhibachi.local';
const MANAGER_PASSWORD = 'Bench-Manager-2026';
const SERVICE_AREA = {
  zipCodes: ['95110', '95112', '95113', '95116', '95125'],
  radiusMiles: 40,
  travelFeeTiers: [
    { upToMiles: 15, feeCents: 0 },
    { upToMiles: 30, feeCents: 5000 },
    { upToMiles: 40, feeCents: 9000 },
  ],
};
/** The settings every new station starts with, from the compiled app (the bench runs after the build). */
async function defaultStationSettings(): Promise<object> {
  const module = (await import(
    pathToFileURL(path.join(root, 'dist/src/modules/stations/domain/station-settings.js')).href
  )) as { DEFAULT_STATION_SETTINGS: object };
  return module.DEFAULT_STATION_SETTINGS;
}

// --- cleanup, signals ----------------------------------------------------------------------------

const cleanups: Array<{ name: string; run: () => Promise<void> }> = [];
let cleaning: Promise<void> | undefined;
let interrupted = false;
let currentLoad: autocannon.Instance | undefined;

function onCleanup(name: string, run: () => Promise<void>): void {
  // Started while the cleanup already runs (Ctrl-C during a start): stop it at once.
  if (cleaning) void run().catch(() => undefined);
  else cleanups.push({ name, run });
}

/** Runs every registered cleanup once, newest first; a failing one does not stop the others. */
function cleanup(): Promise<void> {
  cleaning ??= (async () => {
    for (const { name, run } of cleanups.reverse()) {
      try {
        await run();
      } catch (error) {
        logger.warn(`cleanup "${name}" failed: ${(error as Error).message}`);
      }
    }
  })();
  return cleaning;
}

let signals = 0;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    signals += 1;
    if (signals > 1) process.exit(130); // a second Ctrl-C: give up on a clean stop
    interrupted = true;
    logger.warn(`${signal}: stopping and cleaning up (again to force)`);
    currentLoad?.stop();
    void cleanup().finally(() => process.exit(130));
  });
}

class Interrupted extends Error {
  constructor() {
    super('interrupted');
  }
}

function checkInterrupted(): void {
  if (interrupted) throw new Interrupted();
}

// --- small helpers -------------------------------------------------------------------------------

function withDatabase(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${encodeURIComponent(database)}`;
  return url.toString();
}

function redact(raw: string): string {
  try {
    const url = new URL(raw);
    if (url.password) url.password = '***';
    return url.toString();
  } catch {
    return '<url>';
  }
}

async function withPg<T>(url: string, fn: (client: PgClient) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url, application_name: 'bench', connectionTimeoutMillis: 5_000 });
  client.on('error', () => {});
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** A local date `days` after today in `zone`, as YYYY-MM-DD. */
function localDate(zone: string, days: number): string {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: zone }).format(new Date());
  const date = new Date(`${today}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

function runNode(args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    let output = '';
    const child = spawn(process.execPath, args, { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const collect = (chunk: Buffer): void => {
      output = (output + chunk.toString('utf8')).slice(-4_000);
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.once('error', reject);
    child.once('exit', (code, signal) =>
      code === 0
        ? resolve()
        : reject(new Error(`node ${args.join(' ')} exited with ${code ?? signal}:\n${output.trim()}`)),
    );
  });
}

/** Resident set size of a process in kB (Linux /proc, else ps). */
async function rssKb(pid: number): Promise<number | undefined> {
  try {
    const status = await readFile(`/proc/${pid}/status`, 'utf8');
    const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
    if (match) return Number(match[1]);
  } catch {
    // no procfs (macOS) or the process is gone
  }
  return new Promise((resolve) => {
    execFile('ps', ['-o', 'rss=', '-p', String(pid)], (error, stdout) => {
      const value = Number.parseInt(stdout.trim(), 10);
      resolve(error || !Number.isFinite(value) ? undefined : value);
    });
  });
}

const mb = (kb: number | undefined): number | null => (kb === undefined ? null : Math.round(kb / 102.4) / 10);

// --- services ------------------------------------------------------------------------------------

interface Database {
  serverUrl: string;
  url: string;
  source: string;
}

async function preparePostgres(name: string): Promise<Database> {
  const configured = process.env.DATABASE_URL?.trim();
  if (configured) {
    await ensurePostgres({ configuredUrl: configured, dataDir: '', port: 0, database: name, logger });
    await createDatabaseIfMissing(configured, name);
    return { serverUrl: configured, url: withDatabase(configured, name), source: `DATABASE_URL ${redact(configured)}` };
  }
  const local = 'postgres://postgres@127.0.0.1:5432/postgres';
  if (!FORCE_EMBEDDED && (await isPortOpen('127.0.0.1', 5432, 500))) {
    try {
      await ensurePostgres({ configuredUrl: local, dataDir: '', port: 0, database: name, logger });
      await createDatabaseIfMissing(local, name);
      return { serverUrl: local, url: withDatabase(local, name), source: 'local 127.0.0.1:5432' };
    } catch (error) {
      logger.warn(`127.0.0.1:5432 is not usable (${(error as Error).message}); starting the embedded PostgreSQL`);
    }
  }
  const embedded = await ensurePostgres({
    dataDir: path.join(root, '.data', 'bench-postgres'),
    port: 54325,
    database: name,
    logger,
  });
  onCleanup('stop embedded PostgreSQL', () => embedded.stop());
  const serverUrl = withDatabase(embedded.url, 'postgres');
  // Only benchmarks use this cluster: databases left by interrupted runs go now.
  await withPg(serverUrl, async (client) => {
    const { rows } = await client.query<{ datname: string }>(
      `SELECT datname FROM pg_database WHERE datname LIKE 'bench\\_%' AND datname <> $1`,
      [name],
    );
    for (const { datname } of rows) await dropDatabase(client, datname);
  });
  return { serverUrl, url: embedded.url, source: 'embedded 127.0.0.1:54325 (.data/bench-postgres)' };
}

async function dropDatabase(client: PgClient, name: string): Promise<void> {
  await client.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1', [name]);
  await client.query(`DROP DATABASE IF EXISTS ${client.escapeIdentifier(name)}`);
}

async function prepareRedis(): Promise<{ service: RunningService; source: string }> {
  const configured = process.env.REDIS_URL?.trim();
  if (configured) {
    const service = await ensureRedis({ configuredUrl: configured, dataDir: '', port: 0, logger });
    return { service, source: `REDIS_URL ${redact(configured)}` };
  }
  try {
    if (FORCE_EMBEDDED) throw new Error('BENCH_EMBEDDED');
    const service = await ensureRedis({ configuredUrl: 'redis://127.0.0.1:6379', dataDir: '', port: 0, logger });
    return { service, source: 'local 127.0.0.1:6379' };
  } catch {
    const service = await ensureRedis({ dataDir: path.join(root, '.data', 'bench-redis'), port: 63795, logger });
    if (service.started) onCleanup('stop redis-server', () => service.stop());
    return { service, source: 'embedded 127.0.0.1:63795 (.data/bench-redis)' };
  }
}

/** Deletes the keys the API wrote under the run's prefix (`<prefix>:...` and BullMQ's `{<prefix>}:...`). */
async function deleteRedisKeys(url: string, prefix: string): Promise<void> {
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1, enableOfflineQueue: false });
  redis.on('error', () => {});
  try {
    await redis.connect();
    for (const pattern of [`${prefix}:*`, `{${prefix}}:*`]) {
      let cursor = '0';
      do {
        const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
        cursor = next;
        if (keys.length > 0) await redis.del(...keys);
      } while (cursor !== '0');
    }
  } finally {
    redis.disconnect();
  }
}

// --- seed ----------------------------------------------------------------------------------------

interface Seeded {
  stationId: string;
}

async function seed(url: string): Promise<Seeded> {
  const passwordHash = await argon2.hash(MANAGER_PASSWORD, { type: argon2.argon2id });
  return withPg(url, async (client) => {
    await client.query('BEGIN');
    const {
      rows: [{ id: stationId }],
    } = await client.query<{ id: string }>(
      `INSERT INTO stations (code, name, timezone, address, latitude, longitude, service_area, contact_phone, contact_email, settings)
       VALUES ('BNC', 'Bench San Jose', $1, $2, 37.3382, -121.8863, $3, '+1 408 555 0100', 'bench@myhibachi.local', $4)
       RETURNING id`,
      [
        STATION_ZONE,
        { line1: '200 E Santa Clara St', city: 'San Jose', region: 'CA', postalCode: '95113', country: 'US' },
        SERVICE_AREA,
        await defaultStationSettings(),
      ],
    );

    const {
      rows: [{ id: managerId }],
    } = await client.query<{ id: string }>(
      `INSERT INTO users (email, password_hash, full_name, phone, role, password_changed_at)
       VALUES ($1, $2, 'Bench Manager', '+14085550101', 'staff', now()) RETURNING id`,
      [MANAGER_EMAIL, passwordHash],
    );
    await client.query(
      `INSERT INTO station_members (station_id, user_id, role, display_name) VALUES ($1, $2, 'manager', 'Bench Manager')`,
      [stationId, managerId],
    );

    // Chefs: a set-based insert, each with its membership.
    await client.query(
      `WITH chefs AS (
         INSERT INTO users (email, password_hash, full_name, phone, role)
         SELECT format('chef%s@bench.myhibachi.local', lpad(n::text, 2, '0')), $2, format('Chef %s', lpad(n::text, 2, '0')),
                format('+1408555%s', lpad((200 + n)::text, 4, '0')), 'staff'
           FROM generate_series(1, $3::int) AS n
         RETURNING id, full_name)
       INSERT INTO station_members (station_id, user_id, role, display_name)
       SELECT $1, id, 'chef', full_name FROM chefs`,
      [stationId, passwordHash, CHEFS],
    );

    // Bookings over the next STATION_DAYS local days, the three daily slots in turn. Statuses: 75 %
    // confirmed (deposit paid), 20 % pending_deposit (hold still running), 5 % cancelled (refunded).
    await client.query(
      `INSERT INTO bookings (reference, station_id, contact_name, contact_email, contact_phone, address,
         starts_at, ends_at, blocked_until, local_date, adults, children, toddlers, guests, chefs_needed, upgrades,
         menu_notes, customer_notes, quote, currency, total_cents, deposit_cents, deposit_paid_cents, status,
         hold_expires_at, manage_token_hash, confirmed_at, cancelled_at, cancellation_reason, cancelled_by,
         refund_cents, created_at, updated_at)
       SELECT ref.reference, $1, s.first_name || ' ' || s.last_name, 'guest' || s.i || '@example.com',
              '+1408555' || lpad(((s.i * 7) % 10000)::text, 4, '0'),
              jsonb_build_object('line1', (100 + s.i % 9000) || ' ' || s.street, 'city', 'San Jose', 'region', 'CA',
                                 'postalCode', s.zip),
              t.starts_at, t.starts_at + interval '120 minutes', t.starts_at + interval '180 minutes', s.local_date,
              s.adults, s.children, s.toddlers, s.adults + s.children, ceil((s.adults + s.children) / 15.0)::int,
              '[]'::jsonb,
              CASE WHEN s.i % 7 = 0 THEN 'Two guests are vegetarian' END,
              CASE WHEN s.i % 11 = 0 THEN 'Birthday party, please bring the volcano' END,
              jsonb_build_object(
                'currency', 'USD',
                'lines', jsonb_build_array(jsonb_build_object('code', 'adult', 'description', 'Adult',
                           'quantity', s.adults, 'unitCents', 6000, 'amountCents', s.adults * 6000))
                  || CASE WHEN s.children > 0 THEN jsonb_build_array(jsonb_build_object('code', 'child',
                           'description', 'Child, ages 4–12', 'quantity', s.children, 'unitCents', 3000,
                           'amountCents', s.children * 3000)) ELSE '[]'::jsonb END
                  || CASE WHEN s.toddlers > 0 THEN jsonb_build_array(jsonb_build_object('code', 'toddler',
                           'description', 'Toddler, age 3 and under, free', 'quantity', s.toddlers, 'unitCents', 0,
                           'amountCents', 0)) ELSE '[]'::jsonb END
                  || CASE WHEN p.minimum > 0 THEN jsonb_build_array(jsonb_build_object('code', 'minimum_order',
                           'description', 'Adjustment to the minimum order', 'quantity', 1, 'unitCents', p.minimum,
                           'amountCents', p.minimum)) ELSE '[]'::jsonb END,
                'subtotalCents', p.subtotal, 'travelFeeCents', 0, 'minimumOrderAdjustmentCents', p.minimum,
                'totalCents', p.subtotal + p.minimum, 'depositCents', 10000,
                'balanceCents', p.subtotal + p.minimum - 10000, 'guests', s.adults + s.children, 'distanceMiles', NULL),
              'USD', p.subtotal + p.minimum, 10000,
              CASE WHEN s.status = 'pending_deposit' THEN 0 ELSE 10000 END,
              s.status,
              CASE WHEN s.status = 'pending_deposit' THEN now() + interval '1 day' END,
              encode(sha256(convert_to($2 || s.i, 'UTF8')), 'hex'),
              CASE WHEN s.status <> 'pending_deposit' THEN c.created_at + interval '20 minutes' END,
              CASE WHEN s.status = 'cancelled' THEN c.created_at + interval '1 day' END,
              CASE WHEN s.status = 'cancelled' THEN 'Change of plans' END,
              CASE WHEN s.status = 'cancelled' THEN 'customer' END,
              CASE WHEN s.status = 'cancelled' THEN 10000 END,
              c.created_at,
              CASE WHEN s.status = 'cancelled' THEN c.created_at + interval '1 day'
                   WHEN s.status = 'confirmed' THEN c.created_at + interval '20 minutes'
                   ELSE c.created_at END
         FROM (
           SELECT i,
                  (now() AT TIME ZONE $3)::date + 1 + ((i / 3) * 7919) % $4 AS local_date,
                  (ARRAY['12:00', '15:00', '18:00'])[i % 3 + 1]::time AS slot,
                  6 + (i * 37) % 25 AS adults,
                  (i * 13) % 7 AS children,
                  (i * 7) % 3 AS toddlers,
                  (ARRAY['Alex', 'Maria', 'Wei', 'Priya', 'James', 'Sofia', 'Daniel', 'Mei', 'Carlos', 'Aisha',
                         'Ethan', 'Hana', 'Lucas', 'Grace', 'Omar', 'Emma', 'Kenji', 'Olivia', 'Noah', 'Isabel'])[i % 20 + 1]
                    AS first_name,
                  (ARRAY['Nguyen', 'Garcia', 'Chen', 'Patel', 'Smith', 'Kim', 'Lopez', 'Tanaka', 'Johnson', 'Singh',
                         'Brown', 'Wang', 'Martinez', 'Lee', 'Davis', 'Park', 'Wilson', 'Sato', 'Clark', 'Hall'])[(i / 20) % 20 + 1]
                    AS last_name,
                  (ARRAY['Main St', 'Alum Rock Ave', 'Story Rd', 'Meridian Ave', 'Bascom Ave'])[i % 5 + 1] AS street,
                  ($5::text[])[(i / 5) % 5 + 1] AS zip,
                  CASE WHEN i % 20 < 15 THEN 'confirmed' WHEN i % 20 < 19 THEN 'pending_deposit' ELSE 'cancelled' END
                    AS status
             FROM generate_series(1, $6::int) AS i
         ) s
         CROSS JOIN LATERAL (SELECT (s.local_date + s.slot) AT TIME ZONE $3 AS starts_at) t
         CROSS JOIN LATERAL (SELECT s.adults * 6000 + s.children * 3000 AS subtotal) q
         CROSS JOIN LATERAL (SELECT q.subtotal, greatest(0, 55000 - q.subtotal) AS minimum) p
         CROSS JOIN LATERAL (
           SELECT CASE WHEN s.status = 'pending_deposit' THEN now() - ((s.i % 10) || ' minutes')::interval
                       ELSE now() - ((1 + (s.i * 11) % 60) || ' days')::interval END AS created_at) c
         CROSS JOIN LATERAL (
           -- MH- and 8 characters of the app's alphabet, from a bijection of i (unique, random-looking).
           SELECT 'MH-' || string_agg(substr('23456789ABCDEFGHJKLMNPQRSTUVWXYZ',
                    (((s.i::bigint * 917087137823) % 1099511627776) >> (5 * k) & 31)::int + 1, 1), '' ORDER BY k)
                    AS reference
             FROM generate_series(0, 7) AS k) ref`,
      [
        stationId,
        `bench-${randomBytes(8).toString('hex')}-`,
        STATION_ZONE,
        STATION_DAYS,
        SERVICE_AREA.zipCodes,
        BOOKINGS,
      ],
    );
    await client.query('COMMIT');
    await client.query('ANALYZE');
    return { stationId };
  });
}

// --- the API -------------------------------------------------------------------------------------

interface Api {
  child: ChildProcess;
  pid: number;
  baseUrl: string;
  stop: () => Promise<void>;
}

/** Starts `node dist/src/main.js` on a free port and waits until it reports ready. */
async function startApi(env: NodeJS.ProcessEnv): Promise<Api> {
  const port = await freePort();
  checkInterrupted();
  let stopping = false;
  const child = spawn(process.execPath, ['dist/src/main.js'], {
    cwd: root,
    env: { ...env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const forward = (chunk: Buffer): void => {
    const text = chunk.toString('utf8');
    if (stopping) return; // requests cut short by the shutdown are no news
    for (const line of text.split('\n')) if (line.trim()) console.log(`[api] ${line.slice(0, 400)}`);
  };
  child.stdout.on('data', forward);
  child.stderr.on('data', forward);
  let stopped: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopped ??= (async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      stopping = true;
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
      await exited;
      clearTimeout(timer);
    })();
    return stopped;
  };
  onCleanup('stop the API', stop);

  const baseUrl = `http://127.0.0.1:${port}/api/v1`;
  const deadline = Date.now() + 60_000;
  let last = 'no answer';
  while (Date.now() < deadline) {
    checkInterrupted();
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`the API exited with ${child.exitCode ?? child.signalCode} before it was ready (output above)`);
    }
    try {
      const response = await fetch(`${baseUrl}/health/ready`, { signal: AbortSignal.timeout(2_000) });
      if (response.status === 200) return { child, pid: child.pid!, baseUrl, stop };
      last = `${response.status} ${(await response.text()).slice(0, 300)}`;
    } catch (error) {
      last = (error as Error).message;
    }
    await sleep(250);
  }
  throw new Error(`the API was not ready within 60 s (last: ${last})`);
}

async function login(baseUrl: string): Promise<string> {
  const response = await fetch(`${baseUrl}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: MANAGER_EMAIL, password: MANAGER_PASSWORD }),
  });
  const body = (await response.json()) as { accessToken?: unknown };
  if (response.status !== 200 || typeof body.accessToken !== 'string') {
    throw new Error(`login as ${MANAGER_EMAIL} failed: ${response.status} ${JSON.stringify(body).slice(0, 300)}`);
  }
  return body.accessToken;
}

// --- load ----------------------------------------------------------------------------------------

interface Scenario {
  name: string;
  method: 'GET' | 'POST';
  path: string;
  headers: Record<string, string>;
  /** Sends the manager's bearer token. */
  auth: boolean;
  body?: string;
  /** Describes a sane response body, or throws. */
  check: (body: unknown) => string;
}

interface EndpointResult {
  endpoint: string;
  method: string;
  path: string;
  requests: number;
  requestsPerSecond: number;
  latencyMs: { mean: number; p50: number; p97_5: number; p99: number; max: number };
  non2xx: number;
  errors: number;
  timeouts: number;
  statusCodes: Record<string, number>;
  rssMb: { before: number | null; peak: number | null; after: number | null };
  sample: string;
}

function runLoad(url: string, scenario: Scenario, seconds: number): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    currentLoad = autocannon(
      {
        url,
        method: scenario.method,
        headers: scenario.headers,
        body: scenario.body,
        connections: CONNECTIONS,
        duration: seconds,
        timeout: 10,
      },
      (error: unknown, result) => {
        currentLoad = undefined;
        if (error) reject(error instanceof Error ? error : new Error(`autocannon failed: ${inspect(error)}`));
        else resolve(result);
      },
    );
  });
}

/**
 * Waits until the API answers its liveness route quickly again: requests that were in flight when the
 * load stopped are still being worked off, and must not count against the next endpoint.
 */
async function drain(baseUrl: string): Promise<number> {
  const started = performance.now();
  while (performance.now() - started < 60_000) {
    checkInterrupted();
    const before = performance.now();
    try {
      await (await fetch(`${baseUrl}/health`, { signal: AbortSignal.timeout(30_000) })).arrayBuffer();
    } catch {
      // slow or refused: try again
    }
    if (performance.now() - before < 50) break;
    await sleep(100);
  }
  return (performance.now() - started) / 1000;
}

async function sanityCheck(url: string, scenario: Scenario): Promise<string> {
  const started = performance.now();
  const response = await fetch(url, { method: scenario.method, headers: scenario.headers, body: scenario.body });
  const text = await response.text();
  const ms = (performance.now() - started).toFixed(1);
  if (response.status < 200 || response.status >= 300) {
    throw new Error(
      `${scenario.name}: ${scenario.method} ${scenario.path} answered ${response.status}: ${text.slice(0, 500)}`,
    );
  }
  try {
    return `${scenario.check(JSON.parse(text))}, ${(text.length / 1024).toFixed(1)} kB in ${ms} ms (first request)`;
  } catch (error) {
    throw new Error(`${scenario.name}: unexpected response body (${(error as Error).message}): ${text.slice(0, 500)}`, {
      cause: error,
    });
  }
}

/** Loads one endpoint of a freshly started API, sampling its RSS from idle to after the load. */
async function measure(api: Api, endpoint: Scenario, token: string | undefined): Promise<EndpointResult> {
  const scenario = endpoint.auth
    ? { ...endpoint, headers: { ...endpoint.headers, authorization: `Bearer ${token}` } }
    : endpoint;
  const url = `http://127.0.0.1:${new URL(api.baseUrl).port}${scenario.path}`;
  const { pid } = api;
  // RSS: idle before the first request, every second through the warm-up, the load and while the
  // requests still in flight at its end are worked off, and once more a second after that.
  const before = await rssKb(pid);
  let peak = before ?? 0;
  const track = (kb: number | undefined): void => {
    if (kb !== undefined) peak = Math.max(peak, kb);
  };
  const sampler = setInterval(() => void rssKb(pid).then(track), 1_000);
  let result: autocannon.Result;
  let drainSeconds: number;
  let sample: string;
  try {
    sample = await sanityCheck(url, scenario);
    logger.info(`${scenario.name}: ${sample}`);
    if (WARMUP_S > 0) {
      await runLoad(url, scenario, WARMUP_S);
      await drain(api.baseUrl);
    }
    checkInterrupted();
    logger.info(`${scenario.name}: ${DURATION_S} s x ${CONNECTIONS} connections ...`);
    result = await runLoad(url, scenario, DURATION_S);
    checkInterrupted();
    track(await rssKb(pid));
    drainSeconds = await drain(api.baseUrl);
  } finally {
    clearInterval(sampler);
  }
  if (drainSeconds > 0.5) {
    logger.info(`${scenario.name}: ${drainSeconds.toFixed(1)} s to work off the requests in flight at the end`);
  }
  await sleep(500);
  const after = await rssKb(pid);
  track(after);

  const statusCodes: Record<string, number> = {};
  for (const [code, { count }] of Object.entries(result.statusCodeStats ?? {})) statusCodes[code] = count ?? 0;
  return {
    endpoint: scenario.name,
    method: scenario.method,
    path: scenario.path
      .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, ':stationId')
      .replace(/([?&](?:from|to)=)[0-9-]+/g, '$1<date>'),
    requests: result.requests.total,
    requestsPerSecond: Math.round(result.requests.mean),
    latencyMs: {
      mean: Math.round(result.latency.mean * 100) / 100,
      p50: result.latency.p50,
      p97_5: result.latency.p97_5,
      p99: result.latency.p99,
      max: result.latency.max,
    },
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    statusCodes,
    rssMb: { before: mb(before), peak: mb(peak || undefined), after: mb(after) },
    sample,
  };
}

function scenarios(stationId: string): Scenario[] {
  const availabilityFrom = localDate(STATION_ZONE, 3);
  const availabilityTo = localDate(STATION_ZONE, 33);
  const listFrom = localDate(STATION_ZONE, 7);
  const listTo = localDate(STATION_ZONE, 20);
  const page = (body: unknown, min: number): string => {
    const { data } = body as { data?: unknown };
    if (!Array.isArray(data) || data.length < min) throw new Error(`expected at least ${min} bookings`);
    return `${data.length} bookings`;
  };
  return [
    {
      name: 'availability (public, 31 days)',
      method: 'GET',
      path: `/api/v1/stations/${stationId}/availability?from=${availabilityFrom}&to=${availabilityTo}&guests=12`,
      headers: {},
      auth: false,
      check: (body) => {
        const { days } = body as { days?: Array<{ slots: Array<{ available: boolean }> }> };
        if (!Array.isArray(days) || days.length !== 31) throw new Error('expected 31 days');
        const slots = days.flatMap((day) => day.slots);
        return `${days.length} days, ${slots.filter((slot) => slot.available).length}/${slots.length} slots available`;
      },
    },
    {
      name: 'bookings list (staff, 14 days)',
      method: 'GET',
      path: `/api/v1/bookings?stationId=${stationId}&from=${listFrom}&to=${listTo}&limit=50`,
      headers: {},
      auth: true,
      check: (body) => page(body, 50),
    },
    {
      // A broad term: more than half of all bookings match, the worst case for the trigram index.
      name: 'bookings search (staff, broad q)',
      method: 'GET',
      path: `/api/v1/bookings?stationId=${stationId}&q=guest1&limit=20`,
      headers: {},
      auth: true,
      check: (body) => page(body, 20),
    },
    {
      // What staff type: part of one customer's e-mail, matching a handful of bookings.
      name: 'bookings search (staff, narrow q)',
      method: 'GET',
      path: `/api/v1/bookings?stationId=${stationId}&q=guest1234&limit=20`,
      headers: {},
      auth: true,
      check: (body) => page(body, 1),
    },
    {
      name: 'quote (public)',
      method: 'POST',
      path: '/api/v1/bookings/quote',
      headers: { 'content-type': 'application/json' },
      auth: false,
      body: JSON.stringify({ stationId, adults: 10, children: 2, address: { postalCode: SERVICE_AREA.zipCodes[1] } }),
      check: (body) => {
        const { totalCents } = body as { totalCents?: unknown };
        if (typeof totalCents !== 'number') throw new Error('expected totalCents');
        return `total ${totalCents} cents`;
      },
    },
  ];
}

// --- report --------------------------------------------------------------------------------------

function table(results: readonly EndpointResult[]): string {
  const header = [
    'endpoint',
    'req/s',
    'p50 ms',
    'p97.5 ms',
    'p99 ms',
    'non-2xx',
    'RSS before MB',
    'peak MB',
    'after MB',
  ];
  const rows = results.map((r) => [
    r.endpoint,
    String(r.requestsPerSecond),
    String(r.latencyMs.p50),
    String(r.latencyMs.p97_5),
    String(r.latencyMs.p99),
    String(r.non2xx + r.errors),
    String(r.rssMb.before ?? '?'),
    String(r.rssMb.peak ?? '?'),
    String(r.rssMb.after ?? '?'),
  ]);
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column].length)));
  const format = (row: string[]): string =>
    row.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]) : cell.padStart(widths[column]))).join('  ');
  return [format(header), widths.map((width) => '-'.repeat(width)).join('  '), ...rows.map(format)].join('\n');
}

// --- main ----------------------------------------------------------------------------------------

async function main(): Promise<number> {
  const startedAt = Date.now();
  const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14);
  const database = `bench_${stamp}_${randomBytes(2).toString('hex')}`;
  const keyPrefix = `bench-${stamp}-${randomBytes(2).toString('hex')}`;

  for (const entry of ['dist/src/main.js', 'dist/src/migrate.js']) {
    if (!existsSync(path.join(root, entry))) {
      throw new Error(`${entry} is missing: run \`npm run bench\` (it builds first), or \`npm run build\``);
    }
  }
  const redis = await prepareRedis();
  checkInterrupted();
  const postgres = await preparePostgres(database);
  onCleanup(`drop database ${database}`, () => withPg(postgres.serverUrl, (client) => dropDatabase(client, database)));
  onCleanup('delete Redis keys', () => deleteRedisKeys(redis.service.url, keyPrefix));
  logger.info(`PostgreSQL: ${postgres.source}, database ${database}`);
  logger.info(`Redis: ${redis.source}, key prefix ${keyPrefix}`);
  const pgVersion = await withPg(postgres.url, async (client) => {
    const { rows } = await client.query<{ server_version: string }>('SHOW server_version');
    return rows[0].server_version;
  });

  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'production',
    APP_ROLE: 'api',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    DATABASE_URL: postgres.url,
    REDIS_URL: redis.service.url,
    REDIS_KEY_PREFIX: keyPrefix,
    JWT_ACCESS_SECRET: randomBytes(36).toString('base64url'), // 48 characters
    BOOKING_LINK_SECRET: randomBytes(36).toString('base64url'),
    // The config allows at most 1,000,000 per window: far above what a run sends.
    RATE_LIMIT_LIMIT: '1000000',
    API_DOCS_ENABLED: 'false',
    SEED_SUPER_ADMIN_EMAIL: '',
    SEED_SUPER_ADMIN_PASSWORD: '',
  };

  let t = Date.now();
  await runNode(['dist/src/migrate.js', 'run'], env);
  logger.info(`migrations applied in ${((Date.now() - t) / 1000).toFixed(1)} s`);
  checkInterrupted();
  t = Date.now();
  const { stationId } = await seed(postgres.url);
  logger.info(
    `seeded 1 station, ${CHEFS} chefs, 1 manager and ${BOOKINGS} bookings over ${STATION_DAYS} days in ${((Date.now() - t) / 1000).toFixed(1)} s`,
  );
  checkInterrupted();

  // A freshly started API per endpoint, so that each endpoint's memory is its own. The login (argon2
  // takes 64 MiB) happens after the first public endpoint's run, or before the first run that needs it.
  const only = process.env.BENCH_ONLY?.trim().toLowerCase();
  const selected = scenarios(stationId).filter((s) => !only || s.name.toLowerCase().includes(only));
  if (selected.length === 0) throw new Error(`BENCH_ONLY="${only}" matches no endpoint`);
  const results: EndpointResult[] = [];
  let idleRss: number | undefined;
  let token: string | undefined;
  for (const [index, scenario] of selected.entries()) {
    checkInterrupted();
    t = Date.now();
    const api = await startApi(env);
    try {
      if (index === 0) {
        idleRss = await rssKb(api.pid);
        logger.info(`API ready on ${api.baseUrl} in ${((Date.now() - t) / 1000).toFixed(1)} s, RSS ${mb(idleRss)} MB`);
      }
      if (scenario.auth && token === undefined) token = await login(api.baseUrl);
      results.push(await measure(api, scenario, token));
      if (token === undefined && selected.slice(index + 1).some((next) => next.auth)) {
        token = await login(api.baseUrl);
      }
    } finally {
      await api.stop();
    }
  }

  console.log('');
  console.log(
    `MyHibachi API bench, ${new Date().toISOString().slice(0, 10)}: ${CONNECTIONS} connections, ${DURATION_S} s per endpoint (after ${WARMUP_S} s warm-up), ${BOOKINGS} bookings`,
  );
  console.log(
    `${os.cpus().length} x ${os.cpus()[0]?.model ?? 'CPU'}, Node ${process.version}, PostgreSQL ${pgVersion}`,
  );
  console.log(`API RSS idle after start-up: ${mb(idleRss)} MB; each endpoint below runs against a freshly started API`);
  console.log('');
  console.log(table(results));
  console.log('');

  const failures = results.filter((r) => {
    const total = r.requests + r.errors;
    return total === 0 || (r.non2xx + r.errors) / total > MAX_FAILED_SHARE;
  });
  if (failures.length > 0) {
    for (const r of failures) {
      if (r.requests + r.errors === 0) {
        logger.warn(`FAILED ${r.endpoint}: no response completed within ${DURATION_S} s (raise BENCH_DURATION)`);
        continue;
      }
      logger.warn(
        `FAILED ${r.endpoint}: ${r.non2xx} non-2xx and ${r.errors} errors (${r.timeouts} timeouts) of ${r.requests} requests ` +
          `(limit ${MAX_FAILED_SHARE * 100} %); status codes ${JSON.stringify(r.statusCodes)}`,
      );
    }
    logger.warn(`results not written to ${path.relative(root, resultsFile)}`);
    return 1;
  }

  await mkdir(path.dirname(resultsFile), { recursive: true });
  const report = {
    date: new Date().toISOString(),
    machine: {
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model ?? null,
      memoryGb: Math.round(os.totalmem() / 1024 ** 3),
      platform: `${process.platform}-${process.arch}`,
      node: process.version,
      postgres: pgVersion,
    },
    config: {
      connections: CONNECTIONS,
      durationSeconds: DURATION_S,
      warmupSeconds: WARMUP_S,
      only: only ?? null,
      bookings: BOOKINGS,
      chefs: CHEFS,
      days: STATION_DAYS,
      postgres: postgres.source,
      redis: redis.source,
    },
    idleRssMb: mb(idleRss),
    endpoints: results,
  };
  await writeFile(resultsFile, `${JSON.stringify(report, null, 2)}\n`);
  logger.info(
    `wrote ${path.relative(root, resultsFile)}; total ${((Date.now() - startedAt) / 1000).toFixed(0)} s (without the build)`,
  );
  return 0;
}

let exitCode = 1;
try {
  exitCode = await main();
} catch (error) {
  if (!(error instanceof Interrupted)) logger.warn(`failed: ${(error as Error).message}`);
} finally {
  if (!interrupted) await cleanup();
}
if (!interrupted) process.exit(exitCode);
