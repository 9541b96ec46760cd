import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Which consumers each outbox row was published to. Ordered consumers wait only for earlier events
 * that were really sent to them (not ones published before they subscribed), and the reconciler can
 * find deliveries whose job was lost after publishing (a Redis failover without persistence). The
 * indexes serve the reconciler and the pruner.
 */
export class OutboxConsumers1763776000000 implements MigrationInterface {
  name = 'OutboxConsumers1763776000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE outbox ADD COLUMN consumers text[]');
    await queryRunner.query(
      'CREATE INDEX outbox_published_at_idx ON outbox (published_at) WHERE published_at IS NOT NULL',
    );
    // For the pruner, which deletes markers once their events are long gone.
    await queryRunner.query('CREATE INDEX processed_events_processed_at_idx ON processed_events (processed_at)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX processed_events_processed_at_idx');
    await queryRunner.query('DROP INDEX outbox_published_at_idx');
    await queryRunner.query('ALTER TABLE outbox DROP COLUMN consumers');
  }
}
