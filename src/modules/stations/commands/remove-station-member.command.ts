import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { Transactional } from '@nestjs-cls/transactional';
import { AuditContext, NotFoundError } from '../../../common/index.js';
import { StationMemberRepository } from '../station-member.repository.js';

export class RemoveStationMemberCommand extends Command<void> {
  constructor(
    readonly stationId: string,
    readonly userId: string,
  ) {
    super();
  }
}

/** Ends a membership; the account stays (it may belong to other stations). */
@CommandHandler(RemoveStationMemberCommand)
export class RemoveStationMemberHandler implements ICommandHandler<RemoveStationMemberCommand> {
  constructor(
    private readonly members: StationMemberRepository,
    private readonly audit: AuditContext,
  ) {}

  @Transactional()
  async execute({ stationId, userId }: RemoveStationMemberCommand): Promise<void> {
    const member = await this.members.find(stationId, userId);
    if (!member) throw new NotFoundError('Station member', userId);
    await this.members.remove(member);
    this.audit.describe({
      action: 'station_member.remove',
      entity: 'station_member',
      entityId: member.id,
      stationId,
      before: { userId, role: member.role, displayName: member.displayName, isActive: member.isActive },
      after: null,
    });
  }
}
