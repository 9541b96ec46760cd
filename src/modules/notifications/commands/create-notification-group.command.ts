import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { Transactional } from '@nestjs-cls/transactional';
import { AuditContext, DomainError } from '../../../common/index.js';
import type { CreateNotificationGroupDto } from '../dto/notification-group.dto.js';
import { NotificationGroupMembers } from '../notification-group-members.js';
import type { NotificationGroupEntity } from '../notification-group.entity.js';
import { NotificationGroupRepository } from '../notification-group.repository.js';

export class CreateNotificationGroupCommand extends Command<NotificationGroupEntity> {
  constructor(
    readonly stationId: string,
    readonly input: CreateNotificationGroupDto,
  ) {
    super();
  }
}

@CommandHandler(CreateNotificationGroupCommand)
export class CreateNotificationGroupHandler implements ICommandHandler<CreateNotificationGroupCommand> {
  constructor(
    private readonly groups: NotificationGroupRepository,
    private readonly members: NotificationGroupMembers,
    private readonly audit: AuditContext,
  ) {}

  @Transactional()
  async execute({ stationId, input }: CreateNotificationGroupCommand): Promise<NotificationGroupEntity> {
    await this.members.assertMembers(stationId, input.memberUserIds);
    const group = await this.groups.save(this.groups.create({ stationId, ...input }));
    if (!group) throw new DomainError('conflict', `The station already has a group named "${input.name}".`);
    await this.audit.record({
      action: 'notification_group.create',
      entity: 'notification_group',
      entityId: group.id,
      stationId,
      before: null,
      after: { ...input },
    });
    return group;
  }
}
