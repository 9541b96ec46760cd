import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The transactional outbox, consumer de-duplication and the webhook inbox. */
export class OutboxWebhooks1763773000000 implements MigrationInterface {
  name = 'OutboxWebhooks1763773000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE outbox (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        sequence bigserial NOT NULL,
        event_type text NOT NULL,
        aggregate_type text NOT NULL,
        aggregate_id text NOT NULL,
        station_id uuid,
        payload jsonb NOT NULL,
        occurred_at timestamptz NOT NULL DEFAULT now(),
        published_at timestamptz,
        attempts integer NOT NULL DEFAULT 0,
        last_error text
      )`);
    await queryRunner.query('CREATE UNIQUE INDEX outbox_sequence_key ON outbox (sequence)');
    await queryRunner.query('CREATE INDEX outbox_pending_idx ON outbox (sequence) WHERE published_at IS NULL');
    await queryRunner.query('CREATE INDEX outbox_aggregate_idx ON outbox (aggregate_type, aggregate_id, sequence)');

    await queryRunner.query(`
      CREATE TABLE processed_events (
        consumer text NOT NULL,
        event_id uuid NOT NULL,
        processed_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (consumer, event_id)
      )`);

    await queryRunner.query(`
      CREATE TABLE webhook_events (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        provider text NOT NULL CHECK (provider IN ('stripe', 'meta', 'ringcentral', 'google')),
        external_id text NOT NULL,
        event_type text NOT NULL,
        payload jsonb NOT NULL,
        headers jsonb NOT NULL DEFAULT '{}'::jsonb,
        status text NOT NULL DEFAULT 'received'
          CHECK (status IN ('received', 'queued', 'processing', 'processed', 'ignored', 'failed')),
        attempts integer NOT NULL DEFAULT 0,
        last_error text,
        received_at timestamptz NOT NULL DEFAULT now(),
        processed_at timestamptz,
        CONSTRAINT webhook_events_provider_external_id_key UNIQUE (provider, external_id)
      )`);
    await queryRunner.query('CREATE INDEX webhook_events_status_idx ON webhook_events (status, received_at)');
    await queryRunner.query('CREATE INDEX webhook_events_received_idx ON webhook_events (received_at DESC, id DESC)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE webhook_events');
    await queryRunner.query('DROP TABLE processed_events');
    await queryRunner.query('DROP TABLE outbox');
  }
}
