import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { decodeCursor, stationScope, toPage, type AuthenticatedUser, type Page } from '../../../common/index.js';
import { NotificationResponseDto, type ListNotificationsQueryDto } from '../dto/notification.dto.js';
import { NotificationRepository } from '../notification.repository.js';

export const NOTIFICATION_LOG_ROLES = ['station_admin', 'manager'] as const;

/** The delivery log, newest first, limited to the stations the caller manages. */
export class ListNotificationsQuery extends Query<Page<NotificationResponseDto>> {
  constructor(
    readonly user: AuthenticatedUser,
    readonly filter: ListNotificationsQueryDto,
  ) {
    super();
  }
}

@QueryHandler(ListNotificationsQuery)
export class ListNotificationsHandler implements IQueryHandler<ListNotificationsQuery> {
  constructor(private readonly notifications: NotificationRepository) {}

  async execute({ user, filter }: ListNotificationsQuery): Promise<Page<NotificationResponseDto>> {
    const scope = stationScope(user, NOTIFICATION_LOG_ROLES);
    const stationIds = filter.stationId ? [filter.stationId] : scope === 'all' ? undefined : scope;
    const limit = filter.limit ?? 50;
    const rows = await this.notifications.list({
      stationIds,
      status: filter.status,
      template: filter.template,
      channel: filter.channel,
      aggregateId: filter.aggregateId,
      after: decodeCursor(filter.cursor),
      limit,
    });
    const page = toPage(rows, limit, (row) => ({ position: row.position, id: row.id }));
    return { data: page.data.map((row) => NotificationResponseDto.from(row)), nextCursor: page.nextCursor };
  }
}
