import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The webhook inbox: the signed bytes as received (the source of truth; `payload` is their storable
 * reading), the job that last queued or claimed an event, and when its status last changed, so that
 * an event left `queued` or `processing` by a lost job can be found and queued again.
 */
export class WebhookRawBody1763777000000 implements MigrationInterface {
  name = 'WebhookRawBody1763777000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE webhook_events
        ADD COLUMN raw_body bytea,
        ADD COLUMN job_id text,
        ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now()`);
    await queryRunner.query('UPDATE webhook_events SET updated_at = COALESCE(processed_at, received_at)');
    // Events in flight were queued under their own id: recorded, the requeuer sees their job is alive.
    await queryRunner.query("UPDATE webhook_events SET job_id = id::text WHERE status IN ('queued', 'processing')");
    await queryRunner.query(
      "CREATE INDEX webhook_events_in_flight_idx ON webhook_events (updated_at) WHERE status IN ('queued', 'processing')",
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX webhook_events_in_flight_idx');
    await queryRunner.query(
      'ALTER TABLE webhook_events DROP COLUMN updated_at, DROP COLUMN job_id, DROP COLUMN raw_body',
    );
  }
}
