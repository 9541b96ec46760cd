import type { Logger } from '@nestjs/common';

/** One warning per 30 s and source: a Redis outage makes every connection report each retry. */
export function throttledWarning(logger: Logger, source: string): (error: Error) => void {
  let last = 0;
  return (error: Error) => {
    if (Date.now() - last < 30_000) return;
    last = Date.now();
    logger.warn(`${source}: ${error.message}`);
  };
}
