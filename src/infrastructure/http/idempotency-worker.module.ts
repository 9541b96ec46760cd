import { Module } from '@nestjs/common';
import { IdempotencyKeyPurger } from './idempotency-key-purger.js';

/** Worker role only: removal of expired idempotency keys. */
@Module({ providers: [IdempotencyKeyPurger] })
export class IdempotencyWorkerModule {}
