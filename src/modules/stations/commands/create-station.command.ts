import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { Transactional } from '@nestjs-cls/transactional';
import { AuditContext, DomainError, RequestValidationError } from '../../../common/index.js';
import { settingsProblems } from '../domain/settings-rules.js';
import { stationCodeCandidates } from '../domain/station-code.js';
import { DEFAULT_STATION_SETTINGS, mergeSettings, type StationSettings } from '../domain/station-settings.js';
import type { CreateStationDto } from '../dto/station.dto.js';
import type { StationEntity } from '../station.entity.js';
import { StationRepository } from '../station.repository.js';

export class CreateStationCommand extends Command<StationEntity> {
  constructor(readonly input: CreateStationDto) {
    super();
  }
}

@CommandHandler(CreateStationCommand)
export class CreateStationHandler implements ICommandHandler<CreateStationCommand> {
  constructor(
    private readonly stations: StationRepository,
    private readonly audit: AuditContext,
  ) {}

  @Transactional()
  async execute({ input }: CreateStationCommand): Promise<StationEntity> {
    const { settings, ...fields } = input;
    const merged = mergeSettings(DEFAULT_STATION_SETTINGS, (settings ?? {}) as Partial<StationSettings>);
    const problems = settingsProblems(merged, input.serviceArea);
    if (problems.length > 0) throw new RequestValidationError(problems);
    const station = await this.stations.insertWithFreeCode(
      {
        ...fields,
        contactPhone: input.contactPhone ?? null,
        contactEmail: input.contactEmail?.toLowerCase() ?? null,
        isActive: input.isActive ?? true,
        settings: merged,
      },
      stationCodeCandidates(input.name),
    );
    if (!station)
      throw new DomainError('conflict', `No free station code is left for "${input.name}"; choose another name.`);
    await this.audit.record({
      action: 'station.create',
      entity: 'station',
      entityId: station.id,
      stationId: station.id,
      before: null,
      after: station,
    });
    return station;
  }
}
