import type { MigrationInterface, QueryRunner } from 'typeorm';

/** pgcrypto for gen_random_uuid() and digests; btree_gist for exclusion constraints over ranges + ids. */
export class EnableExtensions1763771000000 implements MigrationInterface {
  name = 'EnableExtensions1763771000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('CREATE EXTENSION IF NOT EXISTS pgcrypto');
    await queryRunner.query('CREATE EXTENSION IF NOT EXISTS btree_gist');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP EXTENSION IF EXISTS btree_gist');
    await queryRunner.query('DROP EXTENSION IF EXISTS pgcrypto');
  }
}
