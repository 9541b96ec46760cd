import { Module } from '@nestjs/common';
import { DomainEventReconciler } from './domain-event-reconciler.js';
import { DomainEventsProcessor } from './domain-events.processor.js';
import { OutboxRelay } from './outbox-relay.js';

/**
 * Worker role only: the relay that publishes the outbox, the processor that delivers events, and the
 * reconciler that re-sends deliveries whose jobs Redis lost.
 */
@Module({ providers: [OutboxRelay, DomainEventsProcessor, DomainEventReconciler] })
export class OutboxWorkerModule {}
