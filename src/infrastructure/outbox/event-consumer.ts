import { SetMetadata } from '@nestjs/common';
import type { PublishedEvent } from './domain-event.js';

export const EVENT_CONSUMER_KEY = 'outbox.eventConsumer';

export interface EventConsumerOptions {
  /** Stable, unique name: it keys de-duplication, so renaming one replays nothing but re-delivers nothing either. */
  name: string;
  events: readonly string[];
  /** Process an aggregate's events in publication order (a later one waits for the earlier ones). */
  ordered?: boolean;
}

/**
 * A module's reaction to events. `handle` runs in a transaction together with the consumer's
 * de-duplication marker, so its database effects happen exactly once however often the job runs.
 */
export interface EventConsumer {
  handle(event: PublishedEvent): Promise<void>;
}

/** Registers a provider as an event consumer (found at start-up; duplicate names stop the process). */
export const ConsumesEvents = (options: EventConsumerOptions): ClassDecorator =>
  SetMetadata(EVENT_CONSUMER_KEY, options);
