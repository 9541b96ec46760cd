import type { DomainEventJob, PublishedEvent } from './domain-event.js';

/** The outbox columns a published event is made of, as PostgreSQL returns them. */
export interface OutboxRow {
  id: string;
  sequence: string;
  event_type: string;
  aggregate_type: string;
  aggregate_id: string;
  station_id: string | null;
  payload: Record<string, unknown>;
  occurred_at: Date;
}

export const OUTBOX_ROW_COLUMNS =
  'o.id, o.sequence, o.event_type, o.aggregate_type, o.aggregate_id, o.station_id, o.payload, o.occurred_at';

export function toPublishedEvent(row: OutboxRow): PublishedEvent {
  return {
    id: row.id,
    sequence: String(row.sequence),
    type: row.event_type,
    aggregateType: row.aggregate_type,
    aggregateId: row.aggregate_id,
    stationId: row.station_id,
    payload: row.payload,
    occurredAt: new Date(row.occurred_at).toISOString(),
  };
}

/** The BullMQ job delivering `event` to one consumer; its id makes a second publication a no-op. */
export function domainEventJob(
  event: PublishedEvent,
  consumer: string,
): { name: string; data: DomainEventJob; opts: { jobId: string } } {
  return { name: event.type, data: { consumer, event }, opts: { jobId: `${event.id}_${consumer}` } };
}
