import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { KeysetCursor } from '../../common/index.js';
import type { StoredWebhookEvent, WebhookProvider, WebhookStatus } from './webhook-provider.js';

export interface WebhookEventRow {
  id: string;
  provider: WebhookProvider;
  externalId: string;
  eventType: string;
  status: WebhookStatus;
  attempts: number;
  lastError: string | null;
  receivedAt: Date;
  processedAt: Date | null;
  position: string;
}

const COLUMNS = `id, provider, external_id AS "externalId", event_type AS "eventType", status, attempts,
  last_error AS "lastError", received_at AS "receivedAt", processed_at AS "processedAt",
  to_char(received_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS position`;

/** The webhook inbox: each provider delivery stored once, with its processing state. */
@Injectable()
export class WebhookEventRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Stores a delivery; null when (provider, external id) is already stored (a duplicate delivery). */
  async insert(delivery: {
    provider: WebhookProvider;
    externalId: string;
    eventType: string;
    payload: unknown;
    headers: Record<string, string>;
  }): Promise<string | null> {
    const rows = await this.dataSource.query<{ id: string }[]>(
      `INSERT INTO webhook_events (provider, external_id, event_type, payload, headers)
       VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT ON CONSTRAINT webhook_events_provider_external_id_key DO NOTHING
       RETURNING id`,
      [
        delivery.provider,
        delivery.externalId,
        delivery.eventType,
        JSON.stringify(delivery.payload ?? null),
        delivery.headers,
      ],
    );
    return rows[0]?.id ?? null;
  }

  /** Makes a finished-with-failure (or ignored) event processable again. */
  async reopen(id: string): Promise<void> {
    await this.dataSource.query("UPDATE webhook_events SET status = 'received', processed_at = NULL WHERE id = $1", [
      id,
    ]);
  }

  async markQueued(ids: string[]): Promise<void> {
    await this.dataSource.query(
      "UPDATE webhook_events SET status = 'queued' WHERE id = ANY($1::uuid[]) AND status IN ('received', 'failed')",
      [ids],
    );
  }

  /** Claims an event for processing; null when it is already done (processed or ignored). */
  async startProcessing(id: string): Promise<StoredWebhookEvent | null> {
    // For UPDATE ... RETURNING the driver answers [rows, affected count].
    const [rows] = await this.dataSource.query<[StoredWebhookEvent[], number]>(
      `UPDATE webhook_events SET status = 'processing', attempts = attempts + 1
        WHERE id = $1 AND status NOT IN ('processed', 'ignored')
        RETURNING id, provider, external_id AS "externalId", event_type AS "eventType", payload, received_at AS "receivedAt"`,
      [id],
    );
    return rows[0] ?? null;
  }

  async finish(id: string, status: 'processed' | 'ignored' | 'failed', note: string | null): Promise<void> {
    await this.dataSource.query(
      `UPDATE webhook_events SET status = $2, last_error = $3,
              processed_at = CASE WHEN $2 = 'failed' THEN processed_at ELSE now() END
        WHERE id = $1`,
      [id, status, note],
    );
  }

  async recordRetry(id: string, error: string): Promise<void> {
    await this.dataSource.query("UPDATE webhook_events SET status = 'queued', last_error = $2 WHERE id = $1", [
      id,
      error,
    ]);
  }

  /** Deliveries stored while the queue was unreachable, oldest first. */
  async listUnqueued(olderThanSeconds: number, limit: number): Promise<string[]> {
    const rows = await this.dataSource.query<{ id: string }[]>(
      `SELECT id FROM webhook_events WHERE status = 'received' AND received_at < now() - make_interval(secs => $1)
        ORDER BY received_at LIMIT $2`,
      [olderThanSeconds, limit],
    );
    return rows.map((row) => row.id);
  }

  findById(id: string): Promise<WebhookEventRow | undefined> {
    return this.dataSource
      .query<WebhookEventRow[]>(`SELECT ${COLUMNS} FROM webhook_events WHERE id = $1`, [id])
      .then((rows) => rows[0]);
  }

  list(filter: {
    provider?: string;
    status?: string;
    after?: KeysetCursor;
    limit: number;
  }): Promise<WebhookEventRow[]> {
    const conditions: string[] = [];
    const values: unknown[] = [];
    if (filter.provider) conditions.push(`provider = $${values.push(filter.provider)}`);
    if (filter.status) conditions.push(`status = $${values.push(filter.status)}`);
    if (filter.after) {
      conditions.push(
        `(received_at, id) < ($${values.push(filter.after.createdAt)}::timestamptz, $${values.push(filter.after.id)}::uuid)`,
      );
    }
    const where = conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '';
    return this.dataSource.query<WebhookEventRow[]>(
      `SELECT ${COLUMNS} FROM webhook_events ${where} ORDER BY received_at DESC, id DESC LIMIT $${values.push(filter.limit + 1)}`,
      values,
    );
  }
}
