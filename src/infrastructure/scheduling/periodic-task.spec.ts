import { PeriodicTask } from './periodic-task.js';

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

async function waitFor(done: () => boolean): Promise<void> {
  for (let waited = 0; !done(); waited += 10) {
    if (waited > 10_000) throw new Error('condition not reached');
    await sleep(10);
  }
}

describe(PeriodicTask.name, () => {
  it('runs the task on every tick but never two runs at once, and stop() waits for the running one', async () => {
    let active = 0;
    let maxActive = 0;
    let finished = 0;
    const sut = new PeriodicTask(
      async () => {
        active += 1;
        maxActive = Math.max(maxActive, active);
        await sleep(35);
        active -= 1;
        finished += 1;
      },
      10,
      () => undefined,
    );
    sut.start();
    await waitFor(() => finished >= 2);
    await sut.stop();
    expect(maxActive).toBe(1);
    expect(active).toBe(0);
    const afterStop = finished;
    await sleep(50);
    expect(finished).toBe(afterStop);
  });

  it('reports a failed run and keeps going', async () => {
    const errors: string[] = [];
    let runs = 0;
    const sut = new PeriodicTask(
      () => {
        runs += 1;
        return Promise.reject(new Error(`run ${runs} failed`));
      },
      10,
      (error) => errors.push(error.message),
    );
    sut.start();
    await waitFor(() => errors.length >= 2);
    await sut.stop();
    expect(runs).toBeGreaterThanOrEqual(2);
    expect(errors.slice(0, 2)).toEqual(['run 1 failed', 'run 2 failed']);
  });
});
