import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import type { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import type { KeysetCursor } from '../../common/index.js';
import { storableJson, storableText } from './storable-json.js';
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

/** An event claimed by one job; `attempt` fences its outcome against a later claim of the same event. */
export interface ClaimedWebhookEvent {
  event: StoredWebhookEvent;
  attempt: number;
}

/** An event left `queued` or `processing` longer than the stale threshold, and the job last given it. */
export interface InFlightWebhookEvent {
  id: string;
  jobId: string | null;
  /** Keyset position (updated_at to the microsecond) for paging on. */
  position: string;
}

/**
 * The webhook inbox: each provider delivery stored once, with its processing state. Every status
 * change is a conditional UPDATE, so concurrent jobs and replays cannot both win; the queries join
 * the caller's transaction (TransactionHost), so a handler's work and `processed` commit together.
 */
@Injectable()
export class WebhookEventRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  private query<T>(sql: string, parameters: unknown[]): Promise<T> {
    return this.txHost.tx.query<T>(sql, parameters);
  }

  /** Affected rows of an UPDATE (the driver answers [rows, affected count]). */
  private async update(sql: string, parameters: unknown[]): Promise<number> {
    const [, affected] = await this.query<[unknown[], number]>(sql, parameters);
    return affected;
  }

  /**
   * Stores a delivery; null when (provider, external id) is already stored (a duplicate delivery).
   * The raw bytes are kept as received; the jsonb payload is their storable reading.
   */
  async insert(delivery: {
    provider: WebhookProvider;
    externalId: string;
    eventType: string;
    payload: unknown;
    rawBody: Buffer;
    headers: Record<string, string>;
  }): Promise<string | null> {
    const rows = await this.query<{ id: string }[]>(
      `INSERT INTO webhook_events (provider, external_id, event_type, payload, raw_body, headers)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT ON CONSTRAINT webhook_events_provider_external_id_key DO NOTHING
       RETURNING id`,
      [
        delivery.provider,
        storableText(delivery.externalId),
        storableText(delivery.eventType),
        JSON.stringify(storableJson(delivery.payload ?? null)),
        delivery.rawBody,
        storableJson(delivery.headers),
      ],
    );
    return rows[0]?.id ?? null;
  }

  /**
   * Queues a failed or ignored event again under `jobId`; false when it is in any other state (or
   * another replay won). Run it in the transaction that adds the job, so a failed add undoes it.
   */
  async reopenForReplay(id: string, jobId: string): Promise<boolean> {
    const affected = await this.update(
      `UPDATE webhook_events SET status = 'queued', processed_at = NULL, job_id = $2, updated_at = now()
        WHERE id = $1 AND status IN ('failed', 'ignored')`,
      [id, jobId],
    );
    return affected > 0;
  }

  /** After the jobs `<id>` were added: only events nothing has picked up yet become queued. */
  async markQueued(ids: string[]): Promise<void> {
    await this.query(
      `UPDATE webhook_events SET status = 'queued', job_id = id::text, updated_at = now()
        WHERE id = ANY($1::uuid[]) AND status = 'received'`,
      [ids],
    );
  }

  /**
   * Claims an event for one job: a received or queued event, or one in processing by this very job
   * (BullMQ runs a stalled job again under its id). Null when it is done, failed, or another job has it.
   */
  claim(id: string, jobId: string): Promise<ClaimedWebhookEvent | null> {
    return this.txHost.withTransaction(async () => {
      // A replay or takeover holds the row until its job is added: wait for it, so that the UPDATE
      // (a new snapshot) sees its `queued` rather than skipping the row as still `failed`.
      await this.query('SELECT 1 FROM webhook_events WHERE id = $1 FOR UPDATE', [id]);
      const [rows] = await this.query<[(StoredWebhookEvent & { attempt: number })[], number]>(
        `UPDATE webhook_events SET status = 'processing', attempts = attempts + 1, job_id = $2, updated_at = now()
          WHERE id = $1 AND (status IN ('received', 'queued') OR (status = 'processing' AND job_id = $2))
          RETURNING id, provider, external_id AS "externalId", event_type AS "eventType", payload,
                    raw_body AS "rawBody", received_at AS "receivedAt", attempts AS attempt`,
        [id, jobId],
      );
      const row = rows[0];
      if (!row) return null;
      const { attempt, ...event } = row;
      return { event, attempt };
    });
  }

  /**
   * Records the outcome of a claim; false (nothing written) when the claim is no longer this one's.
   * A retry goes back to `queued`; `processed` belongs in the transaction of the handler's work.
   */
  async finish(
    claim: { id: string; attempt: number },
    status: 'processed' | 'ignored' | 'failed' | 'queued',
    note: string | null,
  ): Promise<boolean> {
    const affected = await this.update(
      `UPDATE webhook_events SET status = $3, last_error = $4, updated_at = now(),
              processed_at = CASE WHEN $3 IN ('processed', 'ignored') THEN now() ELSE processed_at END
        WHERE id = $1 AND status = 'processing' AND attempts = $2`,
      [claim.id, claim.attempt, status, note === null ? null : storableText(note)],
    );
    return affected > 0;
  }

  /** Deliveries stored while the queue was unreachable, oldest first. */
  async listUnqueued(olderThanSeconds: number, limit: number): Promise<string[]> {
    const rows = await this.query<{ id: string }[]>(
      `SELECT id FROM webhook_events WHERE status = 'received' AND received_at < now() - make_interval(secs => $1)
        ORDER BY received_at LIMIT $2`,
      [olderThanSeconds, limit],
    );
    return rows.map((row) => row.id);
  }

  /**
   * Deletes up to `limit` processed or ignored events received more than `olderThanDays` ago; failed
   * ones stay until someone replays or gives up on them. Returns how many went.
   */
  deleteSettled(olderThanDays: number, limit: number): Promise<number> {
    return this.update(
      `DELETE FROM webhook_events WHERE id IN (
         SELECT id FROM webhook_events
          WHERE status IN ('processed', 'ignored') AND received_at < now() - make_interval(days => $1)
          LIMIT $2)`,
      [olderThanDays, limit],
    );
  }

  /** Events `queued` or `processing` with no status change for `olderThanSeconds`, oldest first. */
  listInFlight(
    olderThanSeconds: number,
    limit: number,
    after: { position: string; id: string } | null,
  ): Promise<InFlightWebhookEvent[]> {
    return this.query<InFlightWebhookEvent[]>(
      `SELECT id, job_id AS "jobId",
              to_char(updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS position
         FROM webhook_events
        WHERE status IN ('queued', 'processing') AND updated_at < now() - make_interval(secs => $1)
          AND ($3::timestamptz IS NULL OR (updated_at, id) > ($3::timestamptz, $4::uuid))
        ORDER BY updated_at, id LIMIT $2`,
      [olderThanSeconds, limit, after?.position ?? null, after?.id ?? null],
    );
  }

  /**
   * Hands a stale in-flight event to a new job, if it is still as listed (same job, still stale);
   * false when something else moved it meanwhile. Run it in the transaction that adds the job.
   */
  async takeOver(event: InFlightWebhookEvent, olderThanSeconds: number, jobId: string): Promise<boolean> {
    const affected = await this.update(
      `UPDATE webhook_events SET status = 'queued', job_id = $3, updated_at = now()
        WHERE id = $1 AND job_id IS NOT DISTINCT FROM $2 AND status IN ('queued', 'processing')
          AND updated_at < now() - make_interval(secs => $4)`,
      [event.id, event.jobId, jobId, olderThanSeconds],
    );
    return affected > 0;
  }

  findById(id: string): Promise<WebhookEventRow | undefined> {
    return this.query<WebhookEventRow[]>(`SELECT ${COLUMNS} FROM webhook_events WHERE id = $1`, [id]).then(
      (rows) => rows[0],
    );
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
        `(received_at, id) < ($${values.push(filter.after.position)}::timestamptz, $${values.push(filter.after.id)}::uuid)`,
      );
    }
    const where = conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '';
    return this.query<WebhookEventRow[]>(
      `SELECT ${COLUMNS} FROM webhook_events ${where} ORDER BY received_at DESC, id DESC LIMIT $${values.push(filter.limit + 1)}`,
      values,
    );
  }
}
