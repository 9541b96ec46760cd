import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { BookingStations } from '../booking-stations.js';
import type { Quote } from '../domain/pricing.js';
import type { QuoteBookingDto } from '../dto/quote.dto.js';
import { quoteAtStation } from '../station-quote.js';

/** The price of a party at an address, line by line; books nothing. */
export class QuoteBookingQuery extends Query<Quote> {
  constructor(readonly input: QuoteBookingDto) {
    super();
  }
}

@QueryHandler(QuoteBookingQuery)
export class QuoteBookingHandler implements IQueryHandler<QuoteBookingQuery> {
  constructor(private readonly stations: BookingStations) {}

  async execute({ input }: QuoteBookingQuery): Promise<Quote> {
    return quoteAtStation(await this.stations.get(input.stationId, { activeOnly: true }), input);
  }
}
