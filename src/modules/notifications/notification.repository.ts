import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import type { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import type { KeysetCursor } from '../../common/index.js';
import type { NotificationChannel, NotificationStatus, NotificationTemplate } from './domain/notification-types.js';
import { NotificationEntity } from './notification.entity.js';

export type NewNotification = Pick<
  NotificationEntity,
  | 'stationId'
  | 'template'
  | 'channel'
  | 'recipient'
  | 'recipientUserId'
  | 'aggregateType'
  | 'aggregateId'
  | 'dedupeKey'
  | 'data'
  | 'subject'
  | 'body'
  | 'status'
  | 'sendAt'
>;

/** A row as the delivery log lists it, with its exact keyset position. */
export interface NotificationRow extends NotificationEntity {
  position: string;
}

const COLUMNS = `id, station_id AS "stationId", template, channel, recipient, recipient_user_id AS "recipientUserId",
  aggregate_type AS "aggregateType", aggregate_id AS "aggregateId", dedupe_key AS "dedupeKey", data, subject, body,
  status, send_at AS "sendAt", attempts, last_error AS "lastError", provider_message_id AS "providerMessageId",
  sent_at AS "sentAt", created_at AS "createdAt", updated_at AS "updatedAt"`;

/**
 * A `sending` row older than this belongs to a worker that died mid-send: sends time out well before
 * (SMTP and RingCentral calls are bounded), so a live send is never taken over.
 */
export const STALE_SENDING_MS = 120_000;

@Injectable()
export class NotificationRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  /** Inserts the new ones; a dedupe key seen before is skipped. Returns the inserted rows. */
  async insertMany(rows: NewNotification[]): Promise<{ id: string; sendAt: Date }[]> {
    if (rows.length === 0) return [];
    const values: unknown[] = [];
    const tuples = rows.map((row) => {
      const fields = [
        row.stationId,
        row.template,
        row.channel,
        row.recipient,
        row.recipientUserId,
        row.aggregateType,
        row.aggregateId,
        row.dedupeKey,
        row.data,
        row.subject,
        row.body,
        row.status,
        row.sendAt,
      ];
      return `(${fields.map((field) => `$${values.push(field)}`).join(', ')})`;
    });
    return this.txHost.tx.query<{ id: string; sendAt: Date }[]>(
      `INSERT INTO notifications (station_id, template, channel, recipient, recipient_user_id, aggregate_type,
         aggregate_id, dedupe_key, data, subject, body, status, send_at)
       VALUES ${tuples.join(', ')}
       ON CONFLICT (dedupe_key) DO NOTHING
       RETURNING id, send_at AS "sendAt"`,
      values,
    );
  }

  findById(id: string): Promise<NotificationEntity | undefined> {
    return this.txHost.tx
      .query<NotificationEntity[]>(`SELECT ${COLUMNS} FROM notifications WHERE id = $1`, [id])
      .then((rows) => rows[0]);
  }

  /**
   * Takes a due, still pending notification for sending and counts the attempt. A row left in
   * `sending` by a worker that died is taken again once it is older than `staleSendingMs`: delivery is
   * at least once, never silently lost, and a live send is never doubled.
   */
  async claimDue(id: string): Promise<NotificationEntity | undefined> {
    const [rows] = await this.txHost.tx.query<[NotificationEntity[], number]>(
      `UPDATE notifications SET status = 'sending', attempts = attempts + 1, updated_at = now()
        WHERE id = $1 AND send_at <= now() + interval '1 second'
          AND (status IN ('scheduled', 'queued', 'retrying')
               OR (status = 'sending' AND updated_at < now() - make_interval(secs => $2 / 1000.0)))
        RETURNING ${COLUMNS}`,
      [id, STALE_SENDING_MS],
    );
    return rows[0];
  }

  /** Records the outcome of a send; false when the row was meanwhile cancelled (the outcome is dropped). */
  async finish(
    id: string,
    outcome: { status: NotificationStatus; lastError?: string | null; providerMessageId?: string | null },
  ): Promise<boolean> {
    const [, updated] = await this.txHost.tx.query<[unknown[], number]>(
      `UPDATE notifications
          SET status = $2, last_error = $3, provider_message_id = COALESCE($4, provider_message_id),
              sent_at = CASE WHEN $2 = 'sent' THEN now() ELSE sent_at END, updated_at = now()
        WHERE id = $1 AND status = 'sending'`,
      [id, outcome.status, outcome.lastError ?? null, outcome.providerMessageId ?? null],
    );
    return updated > 0;
  }

  /**
   * Pending notifications of an aggregate with one template, locked for a move or a cancel. A send in
   * progress (`sending`) can still be cancelled (its outcome is then dropped) but not moved: it goes
   * out with what it has, so a move must leave it alone and schedule anew.
   */
  lockPendingFor(
    aggregateType: string,
    aggregateId: string,
    template: NotificationTemplate,
    { includeSending }: { includeSending: boolean },
  ): Promise<NotificationEntity[]> {
    const statuses = ['scheduled', 'queued', 'retrying', ...(includeSending ? ['sending'] : [])];
    return this.txHost.tx.query<NotificationEntity[]>(
      `SELECT ${COLUMNS} FROM notifications
        WHERE aggregate_type = $1 AND aggregate_id = $2 AND template = $3 AND status = ANY($4::text[])
        FOR UPDATE`,
      [aggregateType, aggregateId, template, statuses],
    );
  }

  async reschedule(
    id: string,
    change: { sendAt: Date; data: object; subject: string | null; body: string },
  ): Promise<void> {
    await this.txHost.tx.query(
      `UPDATE notifications SET send_at = $2, data = $3, subject = $4, body = $5, updated_at = now() WHERE id = $1`,
      [id, change.sendAt, change.data, change.subject, change.body],
    );
  }

  async cancel(ids: string[], reason: string): Promise<void> {
    if (ids.length === 0) return;
    await this.txHost.tx.query(
      `UPDATE notifications SET status = 'cancelled', last_error = $2, updated_at = now() WHERE id = ANY($1::uuid[])`,
      [ids, reason],
    );
  }

  /** Puts a failed or unsent notification back in the queue (station-filtered for staff). */
  async requeue(id: string, stationIds?: readonly string[]): Promise<'requeued' | 'not_found' | 'not_retryable'> {
    const row = await this.txHost.tx
      .query<{ status: NotificationStatus; stationId: string | null }[]>(
        'SELECT status, station_id AS "stationId" FROM notifications WHERE id = $1 FOR UPDATE',
        [id],
      )
      .then((rows) => rows[0]);
    if (!row || (stationIds && (row.stationId === null || !stationIds.includes(row.stationId)))) return 'not_found';
    if (row.status !== 'failed' && row.status !== 'not_sent') return 'not_retryable';
    await this.txHost.tx.query(
      `UPDATE notifications SET status = 'queued', send_at = now(), attempts = 0, last_error = NULL, updated_at = now()
        WHERE id = $1`,
      [id],
    );
    return 'requeued';
  }

  /**
   * Due notifications whose job may have been lost: queued while Redis was down, a backoff job gone
   * with a Redis restart, or a send whose worker died and whose job BullMQ gave up on.
   */
  async listOverdue(olderThanSeconds: number, limit: number): Promise<string[]> {
    const rows = await this.txHost.tx.query<{ id: string }[]>(
      `SELECT id FROM notifications
        WHERE send_at < now() - make_interval(secs => $1)
          AND ((status IN ('scheduled', 'queued') AND updated_at < now() - make_interval(secs => $1))
               OR (status = 'retrying' AND updated_at < now() - interval '1 hour')
               OR (status = 'sending' AND updated_at < now() - make_interval(secs => $2 / 1000.0)))
        ORDER BY send_at LIMIT $3`,
      [olderThanSeconds, STALE_SENDING_MS, limit],
    );
    return rows.map((row) => row.id);
  }

  list(filter: {
    stationIds?: readonly string[];
    status?: NotificationStatus;
    template?: NotificationTemplate;
    channel?: NotificationChannel;
    aggregateId?: string;
    after?: KeysetCursor;
    limit: number;
  }): Promise<NotificationRow[]> {
    const conditions: string[] = [];
    const values: unknown[] = [];
    if (filter.stationIds) conditions.push(`station_id = ANY($${values.push(filter.stationIds)}::uuid[])`);
    if (filter.status) conditions.push(`status = $${values.push(filter.status)}`);
    if (filter.template) conditions.push(`template = $${values.push(filter.template)}`);
    if (filter.channel) conditions.push(`channel = $${values.push(filter.channel)}`);
    if (filter.aggregateId) conditions.push(`aggregate_id = $${values.push(filter.aggregateId)}`);
    if (filter.after) {
      conditions.push(
        `(created_at, id) < ($${values.push(filter.after.position)}::timestamptz, $${values.push(filter.after.id)}::uuid)`,
      );
    }
    const where = conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '';
    return this.txHost.tx.query<NotificationRow[]>(
      `SELECT ${COLUMNS}, to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS position
         FROM notifications ${where} ORDER BY created_at DESC, id DESC LIMIT $${values.push(filter.limit + 1)}`,
      values,
    );
  }
}
