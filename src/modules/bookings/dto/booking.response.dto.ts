import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { BOOKING_STATUSES, type BookingStatus } from '../domain/booking-status.js';
import type { BookingAddress, BookingEntity } from '../booking.entity.js';
import { QuoteResponseDto, UpgradeRequestDto } from './quote.dto.js';

export class BookingAddressResponseDto {
  @ApiProperty()
  line1: string;
  @ApiPropertyOptional()
  line2?: string;
  @ApiProperty()
  city: string;
  @ApiProperty()
  region: string;
  @ApiProperty()
  postalCode: string;
  @ApiPropertyOptional()
  latitude?: number;
  @ApiPropertyOptional()
  longitude?: number;
}

/** A booking as the customer may see it (manage link, their account). */
export class BookingResponseDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: 'MH-7KQ2XD9P' })
  reference: string;

  @ApiProperty({ format: 'uuid' })
  stationId: string;

  @ApiProperty({ enum: BOOKING_STATUSES })
  status: BookingStatus;

  @ApiProperty()
  startsAt: Date;

  @ApiProperty()
  endsAt: Date;

  @ApiProperty({ example: '2026-12-04', description: "The event's date in the station's time zone" })
  localDate: string;

  @ApiProperty()
  contactName: string;

  @ApiProperty()
  contactEmail: string;

  @ApiProperty()
  contactPhone: string;

  @ApiProperty({ type: BookingAddressResponseDto })
  address: BookingAddress;

  @ApiProperty()
  adults: number;

  @ApiProperty()
  children: number;

  @ApiProperty()
  toddlers: number;

  @ApiProperty()
  guests: number;

  @ApiProperty({ type: [UpgradeRequestDto] })
  upgrades: UpgradeRequestDto[];

  @ApiProperty({ nullable: true, type: String })
  menuNotes: string | null;

  @ApiProperty({ nullable: true, type: String })
  customerNotes: string | null;

  @ApiProperty({ type: QuoteResponseDto })
  quote: QuoteResponseDto;

  @ApiProperty()
  currency: string;

  @ApiProperty()
  totalCents: number;

  @ApiProperty()
  depositCents: number;

  @ApiProperty()
  depositPaidCents: number;

  @ApiProperty({ nullable: true, type: Date, description: 'An unpaid booking is released after this' })
  holdExpiresAt: Date | null;

  @ApiProperty({ nullable: true, type: Date })
  cancelledAt: Date | null;

  @ApiProperty({ nullable: true, type: Number, description: 'Refund due under the cancellation policy' })
  refundCents: number | null;

  @ApiProperty()
  createdAt: Date;

  static from(booking: BookingEntity): BookingResponseDto {
    return {
      id: booking.id,
      reference: booking.reference,
      stationId: booking.stationId,
      status: booking.status,
      startsAt: booking.startsAt,
      endsAt: booking.endsAt,
      localDate: booking.localDate,
      contactName: booking.contactName,
      contactEmail: booking.contactEmail,
      contactPhone: booking.contactPhone,
      address: booking.address,
      adults: booking.adults,
      children: booking.children,
      toddlers: booking.toddlers,
      guests: booking.guests,
      upgrades: booking.upgrades,
      menuNotes: booking.menuNotes,
      customerNotes: booking.customerNotes,
      quote: booking.quote,
      currency: booking.currency,
      totalCents: booking.totalCents,
      depositCents: booking.depositCents,
      depositPaidCents: booking.depositPaidCents,
      holdExpiresAt: booking.holdExpiresAt,
      cancelledAt: booking.cancelledAt,
      refundCents: booking.refundCents,
      createdAt: booking.createdAt,
    };
  }
}

/** What staff see in addition: chefs, internal notes, who cancelled. */
export class StaffBookingResponseDto extends BookingResponseDto {
  @ApiProperty({ type: [String], format: 'uuid' })
  chefUserIds: string[];

  @ApiProperty()
  chefsNeeded: number;

  @ApiProperty({ nullable: true, type: String })
  staffNotes: string | null;

  @ApiProperty({ nullable: true, type: String })
  cancellationReason: string | null;

  @ApiProperty({ nullable: true, type: String, enum: ['customer', 'staff', 'system'] })
  cancelledBy: string | null;

  @ApiProperty({ nullable: true, type: Date })
  completedAt: Date | null;

  @ApiProperty({ nullable: true, type: String, format: 'uuid' })
  customerUserId: string | null;

  static fromStaff(booking: BookingEntity, chefUserIds: string[]): StaffBookingResponseDto {
    return {
      ...BookingResponseDto.from(booking),
      chefUserIds,
      chefsNeeded: booking.chefsNeeded,
      staffNotes: booking.staffNotes,
      cancellationReason: booking.cancellationReason,
      cancelledBy: booking.cancelledBy,
      completedAt: booking.completedAt,
      customerUserId: booking.customerUserId,
    };
  }
}

export class CreatedBookingResponseDto {
  @ApiProperty({ type: BookingResponseDto })
  booking: BookingResponseDto;

  @ApiProperty({ type: QuoteResponseDto })
  quote: QuoteResponseDto;

  @ApiProperty({ description: 'Secret of the manage link; shown once, keep it' })
  manageToken: string;

  @ApiProperty({ example: 'https://myhibachi.com/bookings/manage/…' })
  manageUrl: string;
}

export class StaffBookingPageResponseDto {
  @ApiProperty({ type: [StaffBookingResponseDto] })
  data: StaffBookingResponseDto[];

  @ApiProperty({ nullable: true, type: String })
  nextCursor: string | null;
}

export class BookingPageResponseDto {
  @ApiProperty({ type: [BookingResponseDto] })
  data: BookingResponseDto[];

  @ApiProperty({ nullable: true, type: String })
  nextCursor: string | null;
}
