import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { Transactional } from '@nestjs-cls/transactional';
import { AuditContext, DomainError, NotFoundError } from '../../../common/index.js';
import type { UpdateNotificationGroupDto } from '../dto/notification-group.dto.js';
import { NotificationGroupMembers } from '../notification-group-members.js';
import type { NotificationGroupEntity } from '../notification-group.entity.js';
import { NotificationGroupRepository } from '../notification-group.repository.js';

export class UpdateNotificationGroupCommand extends Command<NotificationGroupEntity> {
  constructor(
    readonly stationId: string,
    readonly groupId: string,
    readonly input: UpdateNotificationGroupDto,
  ) {
    super();
  }
}

@CommandHandler(UpdateNotificationGroupCommand)
export class UpdateNotificationGroupHandler implements ICommandHandler<UpdateNotificationGroupCommand> {
  constructor(
    private readonly groups: NotificationGroupRepository,
    private readonly members: NotificationGroupMembers,
    private readonly audit: AuditContext,
  ) {}

  @Transactional()
  async execute({ stationId, groupId, input }: UpdateNotificationGroupCommand): Promise<NotificationGroupEntity> {
    const group = await this.groups.find(stationId, groupId);
    if (!group) throw new NotFoundError('Notification group', groupId);
    if (input.memberUserIds) await this.members.assertMembers(stationId, input.memberUserIds);
    const before = {
      name: group.name,
      alerts: group.alerts,
      channels: group.channels,
      memberUserIds: group.memberUserIds,
    };
    Object.assign(group, input);
    const saved = await this.groups.save(group);
    if (!saved) throw new DomainError('conflict', `The station already has a group named "${input.name}".`);
    await this.audit.record({
      action: 'notification_group.update',
      entity: 'notification_group',
      entityId: group.id,
      stationId,
      before,
      after: { name: saved.name, alerts: saved.alerts, channels: saved.channels, memberUserIds: saved.memberUserIds },
    });
    return saved;
  }
}
