import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import type { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { PeriodicTask } from '../scheduling/periodic-task.js';
import { IdempotencyKeyRepository } from './idempotency-key.repository.js';

const INTERVAL_MS = 10 * 60_000;
const BATCH = 5000;

/** Worker side: keys past their lifetime are deleted, with the responses (and personal data) they hold. */
@Injectable()
export class IdempotencyKeyPurger implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(IdempotencyKeyPurger.name);
  private readonly keys: IdempotencyKeyRepository;
  private readonly schedule = new PeriodicTask(
    () => this.purge(),
    INTERVAL_MS,
    (error) => this.logger.warn(`Idempotency key purge failed: ${error.message}`),
  );

  constructor(txHost: TransactionHost<TransactionalAdapterTypeOrm>) {
    this.keys = new IdempotencyKeyRepository(txHost);
  }

  onApplicationBootstrap(): void {
    this.schedule.start();
  }

  onApplicationShutdown(): Promise<void> {
    return this.schedule.stop();
  }

  /** Deletes every expired key, in batches; returns how many. */
  async purge(): Promise<number> {
    let total = 0;
    for (let deleted = BATCH; deleted === BATCH; total += deleted) deleted = await this.keys.purgeExpired(BATCH);
    return total;
  }
}
