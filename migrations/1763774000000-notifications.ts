import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The notification delivery log and the staff groups that receive station alerts. */
export class Notifications1763774000000 implements MigrationInterface {
  name = 'Notifications1763774000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE notifications (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        station_id uuid REFERENCES stations (id),
        template text NOT NULL
          CHECK (template IN ('booking_confirmation', 'booking_reminder', 'booking_cancellation', 'review_request', 'staff_alert')),
        channel text NOT NULL CHECK (channel IN ('email', 'sms')),
        recipient text NOT NULL,
        recipient_user_id uuid,
        aggregate_type text,
        aggregate_id text,
        dedupe_key text NOT NULL,
        data jsonb NOT NULL,
        subject text,
        body text NOT NULL,
        status text NOT NULL
          CHECK (status IN ('scheduled', 'queued', 'sending', 'retrying', 'sent', 'not_sent', 'failed', 'cancelled')),
        send_at timestamptz NOT NULL DEFAULT now(),
        attempts integer NOT NULL DEFAULT 0,
        last_error text,
        provider_message_id text,
        sent_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT notifications_dedupe_key_key UNIQUE (dedupe_key)
      )`);
    await queryRunner.query(
      'CREATE INDEX notifications_aggregate_idx ON notifications (aggregate_type, aggregate_id, template)',
    );
    await queryRunner.query(
      `CREATE INDEX notifications_pending_idx ON notifications (send_at)
        WHERE status IN ('scheduled', 'queued', 'retrying', 'sending')`,
    );
    await queryRunner.query(
      'CREATE INDEX notifications_station_idx ON notifications (station_id, created_at DESC, id DESC)',
    );
    await queryRunner.query('CREATE INDEX notifications_created_idx ON notifications (created_at DESC, id DESC)');

    await queryRunner.query(`
      CREATE TABLE notification_groups (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        station_id uuid NOT NULL REFERENCES stations (id),
        name text NOT NULL,
        alerts text[] NOT NULL,
        channels text[] NOT NULL,
        member_user_ids uuid[] NOT NULL DEFAULT '{}',
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(
      'CREATE UNIQUE INDEX notification_groups_station_name_key ON notification_groups (station_id, lower(name))',
    );
    await queryRunner.query('CREATE INDEX notification_groups_alerts_idx ON notification_groups USING gin (alerts)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE notification_groups');
    await queryRunner.query('DROP TABLE notifications');
  }
}
