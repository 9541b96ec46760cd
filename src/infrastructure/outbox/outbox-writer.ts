import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import type { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import type { DomainEvent } from './domain-event.js';

/**
 * Appends events to the outbox through the caller's transaction, so an event exists exactly when
 * the change it describes was committed.
 */
@Injectable()
export class OutboxWriter {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  async append(...events: DomainEvent<object>[]): Promise<void> {
    if (events.length === 0) return;
    if (!this.txHost.isTransactionActive()) {
      // Outside a transaction the event could be published for a change that then fails.
      throw new Error('OutboxWriter.append must run inside a @Transactional() handler');
    }
    const values: unknown[] = [];
    const rows = events.map((event, index) => {
      values.push(event.type, event.aggregateType, event.aggregateId, event.stationId ?? null, event.payload);
      const base = index * 5;
      return `($${base + 1}, $${base + 2}, $${base + 3}, $${base + 4}, $${base + 5})`;
    });
    await this.txHost.tx.query(
      `INSERT INTO outbox (event_type, aggregate_type, aggregate_id, station_id, payload) VALUES ${rows.join(', ')}`,
      values,
    );
  }
}
