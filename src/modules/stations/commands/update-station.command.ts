import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { Transactional } from '@nestjs-cls/transactional';
import {
  AuditContext,
  DomainError,
  NotFoundError,
  RequestValidationError,
  type AuthenticatedUser,
} from '../../../common/index.js';
import { settingsProblems } from '../domain/settings-rules.js';
import { mergeSettings, type StationSettings } from '../domain/station-settings.js';
import type { UpdateStationDto } from '../dto/station.dto.js';
import type { StationEntity } from '../station.entity.js';
import { StationRepository } from '../station.repository.js';

export class UpdateStationCommand extends Command<StationEntity> {
  constructor(
    readonly stationId: string,
    readonly input: UpdateStationDto,
    readonly actor: AuthenticatedUser,
  ) {
    super();
  }
}

@CommandHandler(UpdateStationCommand)
export class UpdateStationHandler implements ICommandHandler<UpdateStationCommand> {
  constructor(
    private readonly stations: StationRepository,
    private readonly audit: AuditContext,
  ) {}

  @Transactional()
  async execute({ stationId, input, actor }: UpdateStationCommand): Promise<StationEntity> {
    if (input.isActive !== undefined && actor.role !== 'super_admin') {
      // Deactivating a station locks all its staff out; only a super admin can undo that.
      throw new DomainError('forbidden', 'Only a super admin can activate or deactivate a station.');
    }
    const station = await this.stations.findByIdForUpdate(stationId);
    if (!station) throw new NotFoundError('Station', stationId);
    const before = structuredClone(station);
    const { settings, ...fields } = input;
    Object.assign(station, fields);
    if (input.contactEmail) station.contactEmail = input.contactEmail.toLowerCase();
    if (settings) station.settings = mergeSettings(station.settings, settings as Partial<StationSettings>);
    const problems = settingsProblems(station.settings, station.serviceArea);
    if (problems.length > 0) throw new RequestValidationError(problems);
    const saved = await this.stations.save(station);
    await this.audit.record({
      action: 'station.update',
      entity: 'station',
      entityId: stationId,
      stationId,
      before,
      after: saved,
    });
    return saved;
  }
}
