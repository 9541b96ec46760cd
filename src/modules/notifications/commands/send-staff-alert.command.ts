import { Command, CommandHandler, QueryBus, type ICommandHandler } from '@nestjs/cqrs';
import { Transactional } from '@nestjs-cls/transactional';
import { ListStationMembersQuery } from '../../stations/index.js';
import type { StaffAlertData } from '../domain/notification-types.js';
import { NotificationGroupRepository } from '../notification-group.repository.js';
import { NotificationWriter, type NotificationRecipient } from '../notification-writer.js';

/**
 * Tells the staff of a station about something, through the notification groups subscribed to the
 * alert. Only active members of the station receive it, so a removed member stops getting alerts.
 */
export class SendStaffAlertCommand extends Command<{ ids: string[] }> {
  constructor(
    readonly stationId: string,
    readonly data: StaffAlertData,
    readonly dedupeKey: string,
    readonly aggregate?: { type: string; id: string },
  ) {
    super();
  }
}

@CommandHandler(SendStaffAlertCommand)
export class SendStaffAlertHandler implements ICommandHandler<SendStaffAlertCommand> {
  constructor(
    private readonly groups: NotificationGroupRepository,
    private readonly writer: NotificationWriter,
    private readonly queryBus: QueryBus,
  ) {}

  @Transactional()
  async execute({ stationId, data, dedupeKey, aggregate }: SendStaffAlertCommand): Promise<{ ids: string[] }> {
    const groups = await this.groups.listForAlert(stationId, data.alert);
    if (groups.length === 0) return { ids: [] };
    const members = await this.queryBus.execute(new ListStationMembersQuery(stationId));
    const active = new Map(members.filter((member) => member.isActive).map((member) => [member.userId, member]));
    const recipients: NotificationRecipient[] = groups.flatMap((group) =>
      group.memberUserIds.flatMap((userId) => {
        const member = active.get(userId);
        if (!member) return [];
        return group.channels.flatMap((channel): NotificationRecipient[] => {
          const address = channel === 'email' ? member.email : member.phone;
          return address ? [{ channel, address, userId }] : [];
        });
      }),
    );
    const ids = await this.writer.write({ stationId, template: 'staff_alert', data, recipients, dedupeKey, aggregate });
    return { ids };
  }
}
