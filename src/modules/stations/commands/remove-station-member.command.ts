import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { Transactional } from '@nestjs-cls/transactional';
import { AuditContext, NotFoundError } from '../../../common/index.js';
import { removesActiveAdmin } from '../domain/last-admin.js';
import { LastStationAdminError } from '../domain/stations.errors.js';
import { StationRepository } from '../station.repository.js';
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
    private readonly stations: StationRepository,
    private readonly audit: AuditContext,
  ) {}

  @Transactional()
  async execute({ stationId, userId }: RemoveStationMemberCommand): Promise<void> {
    const member = await this.members.find(stationId, userId);
    if (!member) throw new NotFoundError('Station member', userId);
    if (removesActiveAdmin(member, null)) {
      await this.stations.findByIdForUpdate(stationId);
      if ((await this.members.countOtherActiveAdmins(stationId, userId)) === 0) throw new LastStationAdminError();
    }
    await this.members.remove(member);
    await this.audit.record({
      action: 'station_member.remove',
      entity: 'station_member',
      entityId: member.id,
      stationId,
      before: { userId, role: member.role, displayName: member.displayName, isActive: member.isActive },
      after: null,
    });
  }
}
