import { createServer } from 'node:net';

/** Polls `probe` until `done` holds or the time is up; returns the last value (assert on it). */
export async function until<T>(probe: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** A TCP port that was free a moment ago. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Waits until a spawned server on `port` answers its liveness probe; false if it never did. */
export function healthy(port: number, timeoutMs = 30_000): Promise<boolean> {
  return until(
    () =>
      fetch(`http://127.0.0.1:${port}/api/v1/health`).then(
        (response) => response.ok,
        () => false,
      ),
    (ok) => ok,
    timeoutMs,
  );
}
