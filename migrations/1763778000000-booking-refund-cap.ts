import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The refund cap a customer's late move leaves on a booking (see BookingEntity.refundCapPercent). */
export class BookingRefundCap1763778000000 implements MigrationInterface {
  name = 'BookingRefundCap1763778000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'ALTER TABLE bookings ADD COLUMN refund_cap_percent smallint CHECK (refund_cap_percent BETWEEN 0 AND 100)',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE bookings DROP COLUMN refund_cap_percent');
  }
}
