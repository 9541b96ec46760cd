import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Bookings, chef assignments and idempotency keys. Capacity is checked under a per station-day
 * advisory lock; a chef's double booking is refused by an exclusion constraint on their time ranges.
 */
export class Bookings1763775000000 implements MigrationInterface {
  name = 'Bookings1763775000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // Trigram indexes serve the staff's text search on name, e-mail and phone.
    await queryRunner.query('CREATE EXTENSION IF NOT EXISTS pg_trgm');
    await queryRunner.query(`
      CREATE TABLE bookings (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        reference text NOT NULL,
        station_id uuid NOT NULL REFERENCES stations (id),
        customer_user_id uuid REFERENCES users (id),
        contact_name text NOT NULL,
        contact_email text NOT NULL,
        contact_phone text NOT NULL,
        address jsonb NOT NULL,
        starts_at timestamptz NOT NULL,
        ends_at timestamptz NOT NULL,
        blocked_until timestamptz NOT NULL,
        local_date date NOT NULL,
        adults integer NOT NULL CHECK (adults >= 1),
        children integer NOT NULL DEFAULT 0 CHECK (children >= 0),
        toddlers integer NOT NULL DEFAULT 0 CHECK (toddlers >= 0),
        guests integer NOT NULL CHECK (guests >= 1),
        chefs_needed integer NOT NULL CHECK (chefs_needed >= 1),
        upgrades jsonb NOT NULL DEFAULT '[]'::jsonb,
        menu_notes text,
        customer_notes text,
        staff_notes text,
        quote jsonb NOT NULL,
        currency text NOT NULL,
        total_cents integer NOT NULL CHECK (total_cents >= 0),
        deposit_cents integer NOT NULL CHECK (deposit_cents >= 0),
        deposit_paid_cents integer NOT NULL DEFAULT 0 CHECK (deposit_paid_cents >= 0),
        status text NOT NULL
          CHECK (status IN ('pending_deposit', 'confirmed', 'completed', 'cancelled', 'no_show', 'expired')),
        hold_expires_at timestamptz,
        manage_token_hash text NOT NULL,
        confirmed_at timestamptz,
        cancelled_at timestamptz,
        cancellation_reason text,
        cancelled_by text,
        refund_cents integer,
        completed_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT bookings_reference_key UNIQUE (reference),
        CONSTRAINT bookings_manage_token_hash_key UNIQUE (manage_token_hash),
        CHECK (ends_at > starts_at AND blocked_until >= ends_at)
      )`);
    await queryRunner.query('CREATE INDEX bookings_station_date_idx ON bookings (station_id, local_date)');
    await queryRunner.query('CREATE INDEX bookings_station_starts_idx ON bookings (station_id, starts_at, id)');
    await queryRunner.query(
      `CREATE INDEX bookings_capacity_idx ON bookings USING gist (station_id, tstzrange(starts_at, blocked_until))
        WHERE status IN ('pending_deposit', 'confirmed')`,
    );
    await queryRunner.query('CREATE INDEX bookings_customer_idx ON bookings (customer_user_id, starts_at DESC)');
    await queryRunner.query(
      `CREATE INDEX bookings_pending_hold_idx ON bookings (hold_expires_at) WHERE status = 'pending_deposit'`,
    );
    await queryRunner.query(
      `CREATE INDEX bookings_search_idx ON bookings
        USING gin ((lower(contact_name) || ' ' || lower(contact_email) || ' ' || contact_phone) gin_trgm_ops)`,
    );

    await queryRunner.query(`
      CREATE TABLE booking_chefs (
        booking_id uuid NOT NULL REFERENCES bookings (id),
        chef_user_id uuid NOT NULL REFERENCES users (id),
        station_id uuid NOT NULL REFERENCES stations (id),
        during tstzrange NOT NULL,
        active boolean NOT NULL DEFAULT true,
        assigned_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (booking_id, chef_user_id),
        CONSTRAINT booking_chefs_no_overlap EXCLUDE USING gist (chef_user_id WITH =, during WITH &&) WHERE (active)
      )`);
    await queryRunner.query('CREATE INDEX booking_chefs_chef_idx ON booking_chefs (chef_user_id) WHERE active');

    await queryRunner.query(`
      CREATE TABLE idempotency_keys (
        scope text NOT NULL,
        key text NOT NULL,
        request_hash text NOT NULL,
        response_status integer NOT NULL,
        response_body jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (scope, key)
      )`);
    await queryRunner.query('CREATE INDEX idempotency_keys_created_idx ON idempotency_keys (created_at)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE idempotency_keys');
    await queryRunner.query('DROP TABLE booking_chefs');
    await queryRunner.query('DROP TABLE bookings');
    await queryRunner.query('DROP EXTENSION IF EXISTS pg_trgm');
  }
}
