import { Module } from '@nestjs/common';
import { DomainEventsProcessor } from './domain-events.processor.js';
import { OutboxRelay } from './outbox-relay.js';

/** Worker role only: the relay that publishes the outbox and the processor that delivers events. */
@Module({ providers: [OutboxRelay, DomainEventsProcessor] })
export class OutboxWorkerModule {}
