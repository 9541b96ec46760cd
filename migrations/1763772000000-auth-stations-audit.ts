import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Users, stations and their members, refresh-token families and the audit log. */
export class AuthStationsAudit1763772000000 implements MigrationInterface {
  name = 'AuthStationsAudit1763772000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE users (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        email text NOT NULL,
        password_hash text NOT NULL,
        full_name text NOT NULL,
        phone text,
        role text NOT NULL CHECK (role IN ('super_admin', 'staff', 'customer')),
        is_active boolean NOT NULL DEFAULT true,
        password_changed_at timestamptz,
        last_login_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        deleted_at timestamptz,
        CONSTRAINT users_email_normalised CHECK (email = lower(btrim(email)))
      )`);
    await queryRunner.query('CREATE UNIQUE INDEX users_email_key ON users (email) WHERE deleted_at IS NULL');

    await queryRunner.query(`
      CREATE TABLE stations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        code text NOT NULL,
        name text NOT NULL,
        timezone text NOT NULL,
        address jsonb NOT NULL,
        latitude double precision NOT NULL CHECK (latitude BETWEEN -90 AND 90),
        longitude double precision NOT NULL CHECK (longitude BETWEEN -180 AND 180),
        service_area jsonb NOT NULL,
        contact_phone text,
        contact_email text,
        is_active boolean NOT NULL DEFAULT true,
        settings jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        deleted_at timestamptz,
        CONSTRAINT stations_code_format CHECK (code ~ '^[A-Z]{3}[0-9]{0,2}$')
      )`);
    await queryRunner.query('CREATE UNIQUE INDEX stations_code_key ON stations (code)');
    await queryRunner.query('CREATE INDEX stations_active_idx ON stations (is_active) WHERE deleted_at IS NULL');

    await queryRunner.query(`
      CREATE TABLE station_members (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        station_id uuid NOT NULL REFERENCES stations (id),
        user_id uuid NOT NULL REFERENCES users (id),
        role text NOT NULL CHECK (role IN ('station_admin', 'manager', 'chef', 'staff')),
        display_name text NOT NULL,
        is_active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT station_members_station_user_key UNIQUE (station_id, user_id)
      )`);
    await queryRunner.query('CREATE INDEX station_members_user_idx ON station_members (user_id)');
    await queryRunner.query('CREATE INDEX station_members_station_role_idx ON station_members (station_id, role)');

    await queryRunner.query(`
      CREATE TABLE refresh_tokens (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users (id),
        family_id uuid NOT NULL,
        token_hash text NOT NULL,
        expires_at timestamptz NOT NULL,
        used_at timestamptz,
        revoked_at timestamptz,
        revoked_reason text,
        created_ip text,
        created_user_agent text,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query('CREATE UNIQUE INDEX refresh_tokens_hash_key ON refresh_tokens (token_hash)');
    await queryRunner.query('CREATE INDEX refresh_tokens_family_idx ON refresh_tokens (family_id)');
    await queryRunner.query('CREATE INDEX refresh_tokens_user_idx ON refresh_tokens (user_id)');

    await queryRunner.query(`
      CREATE TABLE audit_logs (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        actor_user_id uuid,
        actor_role text,
        actor_ip text,
        actor_user_agent text,
        action text NOT NULL,
        entity text NOT NULL,
        entity_id text,
        station_id uuid,
        changes jsonb NOT NULL DEFAULT '{}'::jsonb,
        request_id text,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(
      'CREATE INDEX audit_logs_station_created_idx ON audit_logs (station_id, created_at DESC, id DESC)',
    );
    await queryRunner.query('CREATE INDEX audit_logs_created_idx ON audit_logs (created_at DESC, id DESC)');
    await queryRunner.query('CREATE INDEX audit_logs_entity_idx ON audit_logs (entity, entity_id)');
    await queryRunner.query('CREATE INDEX audit_logs_actor_idx ON audit_logs (actor_user_id, created_at DESC)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE audit_logs');
    await queryRunner.query('DROP TABLE refresh_tokens');
    await queryRunner.query('DROP TABLE station_members');
    await queryRunner.query('DROP TABLE stations');
    await queryRunner.query('DROP TABLE users');
  }
}
