import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { Transactional } from '@nestjs-cls/transactional';
import { AuditContext, NotFoundError } from '../../../common/index.js';
import { NotificationGroupRepository } from '../notification-group.repository.js';

export class DeleteNotificationGroupCommand extends Command<void> {
  constructor(
    readonly stationId: string,
    readonly groupId: string,
  ) {
    super();
  }
}

@CommandHandler(DeleteNotificationGroupCommand)
export class DeleteNotificationGroupHandler implements ICommandHandler<DeleteNotificationGroupCommand> {
  constructor(
    private readonly groups: NotificationGroupRepository,
    private readonly audit: AuditContext,
  ) {}

  @Transactional()
  async execute({ stationId, groupId }: DeleteNotificationGroupCommand): Promise<void> {
    const group = await this.groups.find(stationId, groupId);
    if (!group || !(await this.groups.delete(stationId, groupId)))
      throw new NotFoundError('Notification group', groupId);
    await this.audit.record({
      action: 'notification_group.delete',
      entity: 'notification_group',
      entityId: groupId,
      stationId,
      before: { name: group.name, alerts: group.alerts, channels: group.channels, memberUserIds: group.memberUserIds },
      after: null,
    });
  }
}
