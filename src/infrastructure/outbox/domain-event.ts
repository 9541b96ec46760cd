/** A fact a module publishes for others, written to the outbox in the transaction of the change. */
export interface DomainEvent<TPayload extends object = Record<string, unknown>> {
  /** PascalCase past tense, e.g. `BookingConfirmed`. */
  type: string;
  aggregateType: string;
  aggregateId: string;
  stationId?: string | null;
  payload: TPayload;
}

/** The event as consumers receive it, with its outbox identity and position. */
export interface PublishedEvent<TPayload extends object = Record<string, unknown>> extends DomainEvent<TPayload> {
  id: string;
  /** Global publication order (bigint as string). */
  sequence: string;
  occurredAt: string;
}

/** Payload of a domain-events job. */
export interface DomainEventJob {
  consumer: string;
  event: PublishedEvent;
  /** Times an ordered delivery went back to wait for an earlier event of its aggregate. */
  orderWaits?: number;
}
