import type { TransactionHost } from '@nestjs-cls/transactional';
import type { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';

/** A finished request stored under its key: what a retry with the same key gets back. */
interface StoredIdempotentResponse {
  requestHash: string;
  status: number;
  body: unknown;
}

/** How long a key holds its response; after that, the same key starts a new request. */
const KEY_LIFETIME = '24 hours';

/**
 * The `idempotency_keys` table, always through the caller's transaction: a claimed key and the
 * change made under it commit or roll back together, so no half-finished key is ever visible.
 */
export class IdempotencyKeyRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  /**
   * Takes the key for this transaction; true when it is ours to run. A concurrent transaction
   * holding the same key makes this wait until it ends; a key older than its lifetime is taken over.
   */
  async claim(scope: string, key: string, requestHash: string): Promise<boolean> {
    const rows = await this.txHost.tx.query<{ scope: string }[]>(
      `INSERT INTO idempotency_keys (scope, key, request_hash, response_status, response_body)
       VALUES ($1, $2, $3, 0, 'null')
       ON CONFLICT (scope, key) DO UPDATE
         SET request_hash = EXCLUDED.request_hash, response_status = 0, response_body = 'null', created_at = now()
         WHERE idempotency_keys.created_at < now() - interval '${KEY_LIFETIME}'
       RETURNING scope`,
      [scope, key, requestHash],
    );
    return rows.length > 0;
  }

  async complete(scope: string, key: string, status: number, body: unknown): Promise<void> {
    await this.txHost.tx.query(
      'UPDATE idempotency_keys SET response_status = $3, response_body = $4::jsonb WHERE scope = $1 AND key = $2',
      [scope, key, status, JSON.stringify(body ?? null)],
    );
  }

  async find(scope: string, key: string): Promise<StoredIdempotentResponse | undefined> {
    const [row] = await this.txHost.tx.query<
      { request_hash: string; response_status: number; response_body: unknown }[]
    >('SELECT request_hash, response_status, response_body FROM idempotency_keys WHERE scope = $1 AND key = $2', [
      scope,
      key,
    ]);
    return row && { requestHash: row.request_hash, status: row.response_status, body: row.response_body };
  }

  /** Deletes up to `limit` keys past their lifetime (their stored responses hold personal data); returns how many. */
  async purgeExpired(limit: number): Promise<number> {
    const [, deleted] = await this.txHost.tx.query<[unknown[], number]>(
      `DELETE FROM idempotency_keys WHERE ctid IN (
         SELECT ctid FROM idempotency_keys WHERE created_at < now() - interval '${KEY_LIFETIME}' LIMIT $1)`,
      [limit],
    );
    return deleted;
  }
}
