import { Module } from '@nestjs/common';
import { DomainEventReconciler } from './domain-event-reconciler.js';
import { DomainEventsProcessor } from './domain-events.processor.js';
import { OutboxPruner } from './outbox-pruner.js';
import { OutboxRelay } from './outbox-relay.js';

/**
 * Worker role only: the relay that publishes the outbox, the processor that delivers events, the
 * reconciler that re-sends deliveries whose jobs Redis lost, and the pruner of old events.
 */
@Module({ providers: [OutboxRelay, DomainEventsProcessor, DomainEventReconciler, OutboxPruner] })
export class OutboxWorkerModule {}
