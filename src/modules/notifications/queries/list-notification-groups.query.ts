import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { NotificationGroupEntity } from '../notification-group.entity.js';
import { NotificationGroupRepository } from '../notification-group.repository.js';

export class ListNotificationGroupsQuery extends Query<NotificationGroupEntity[]> {
  constructor(readonly stationId: string) {
    super();
  }
}

@QueryHandler(ListNotificationGroupsQuery)
export class ListNotificationGroupsHandler implements IQueryHandler<ListNotificationGroupsQuery> {
  constructor(private readonly groups: NotificationGroupRepository) {}

  execute({ stationId }: ListNotificationGroupsQuery): Promise<NotificationGroupEntity[]> {
    return this.groups.list(stationId);
  }
}
