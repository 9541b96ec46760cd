import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import type { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { ScheduledTask } from '../scheduling/scheduled-task.js';
import { IdempotencyKeyRepository } from './idempotency-key.repository.js';

const INTERVAL_MS = 10 * 60_000;
const BATCH = 5000;

/** Worker side: keys past their lifetime are deleted, with the responses (and personal data) they hold. */
@Injectable()
export class IdempotencyKeyPurger extends ScheduledTask {
  private readonly keys: IdempotencyKeyRepository;

  constructor(txHost: TransactionHost<TransactionalAdapterTypeOrm>) {
    super(INTERVAL_MS, 'Idempotency key purge');
    this.keys = new IdempotencyKeyRepository(txHost);
  }

  protected runOnce(): Promise<unknown> {
    return this.purge();
  }

  /** Deletes every expired key, in batches; returns how many. */
  async purge(): Promise<number> {
    let total = 0;
    for (let deleted = BATCH; deleted === BATCH; total += deleted) deleted = await this.keys.purgeExpired(BATCH);
    return total;
  }
}
