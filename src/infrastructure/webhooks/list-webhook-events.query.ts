import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { decodeCursor, toPage, type Page } from '../../common/index.js';
import { WebhookEventResponseDto, type ListWebhookEventsQueryDto } from './webhook-admin.dto.js';
import { WebhookEventRepository } from './webhook-event.repository.js';

export class ListWebhookEventsQuery extends Query<Page<WebhookEventResponseDto>> {
  constructor(readonly filter: ListWebhookEventsQueryDto) {
    super();
  }
}

@QueryHandler(ListWebhookEventsQuery)
export class ListWebhookEventsHandler implements IQueryHandler<ListWebhookEventsQuery> {
  constructor(private readonly events: WebhookEventRepository) {}

  async execute({ filter }: ListWebhookEventsQuery): Promise<Page<WebhookEventResponseDto>> {
    const limit = filter.limit ?? 50;
    const rows = await this.events.list({
      provider: filter.provider,
      status: filter.status,
      after: decodeCursor(filter.cursor),
      limit,
    });
    const page = toPage(rows, limit, (row) => ({ position: row.position, id: row.id }));
    return { data: page.data.map((row) => WebhookEventResponseDto.from(row)), nextCursor: page.nextCursor };
  }
}
