import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { ROOT } from '../setup/test-services.js';

export interface SpawnedServer {
  child: ChildProcess;
  output(): string;
  /** Resolves when the output contains `text`. */
  waitFor(text: string | RegExp, timeoutMs?: number): Promise<void>;
  exited(): Promise<{ code: number | null; signal: NodeJS.Signals | null; ms: number }>;
}

/** Runs a compiled entry point as its own process, the way an operator or a container would. */
export function spawnServer(entry: string, env: Record<string, string>): SpawnedServer {
  const started = Date.now();
  const child = spawn(process.execPath, [entry], {
    cwd: ROOT,
    // Only what the test sets: no developer .env values or NODE_OPTIONS of Jest leak in.
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const waiters = new Set<() => void>();
  const onData = (chunk: Buffer): void => {
    output += chunk.toString();
    for (const waiter of waiters) waiter();
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  const exit = once(child, 'exit').then(([code, signal]) => ({
    code: code as number | null,
    signal: signal as NodeJS.Signals | null,
    ms: Date.now() - started,
  }));
  return {
    child,
    output: () => output,
    waitFor: (text, timeoutMs = 20_000) =>
      new Promise<void>((resolve, reject) => {
        const matches = (): boolean => (typeof text === 'string' ? output.includes(text) : text.test(output));
        if (matches()) return resolve();
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`Timed out waiting for ${String(text)}; output so far:\n${output}`));
        }, timeoutMs);
        const check = (): void => {
          if (!matches()) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolve();
        };
        waiters.add(check);
        void exit.then(() => {
          if (!matches()) {
            clearTimeout(timer);
            reject(new Error(`Process exited before ${String(text)}; output:\n${output}`));
          }
        });
      }),
    exited: () => exit,
  };
}

/**
 * The environment of a compiled server run as its own process, as production would run it:
 * `extra` adds or overrides variables (APP_ROLE, LOG_LEVEL, queue timing, ...).
 */
export function processEnv(
  database: { url: string },
  { port, prefix, redisUrl }: { port: number; prefix: string; redisUrl: string },
  extra: Record<string, string> = {},
): Record<string, string> {
  return {
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    PORT: String(port),
    DATABASE_URL: database.url,
    REDIS_URL: redisUrl,
    REDIS_KEY_PREFIX: prefix,
    LOG_LEVEL: 'info',
    JWT_ACCESS_SECRET: 'process-test-jwt-secret-0123456789abcdef',
    BOOKING_LINK_SECRET: 'test-only-booking-link-secret-0123456789',
    ...extra,
  };
}
