import { Injectable, Module } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { Transactional, TransactionHost } from '@nestjs-cls/transactional';
import type { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import {
  ConsumesEvents,
  OutboxWriter,
  type EventConsumer,
  type PublishedEvent,
} from '../../src/infrastructure/outbox/index.js';

export const PROBE_TABLES = `
  CREATE TABLE IF NOT EXISTS probe_things (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), name text NOT NULL);
  CREATE TABLE IF NOT EXISTS probe_effects (event_id uuid NOT NULL, name text NOT NULL, at timestamptz DEFAULT now());
  CREATE TABLE IF NOT EXISTS probe_steps (aggregate_id text NOT NULL, step int NOT NULL, seq serial);
`;

/** A command like any feature's: a change plus an event, in one transaction; it can be told to fail. */
export class RecordThingCommand extends Command<string> {
  constructor(
    readonly name: string,
    readonly failAfterAppend = false,
  ) {
    super();
  }
}

@CommandHandler(RecordThingCommand)
class RecordThingHandler implements ICommandHandler<RecordThingCommand> {
  constructor(
    private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
    private readonly outbox: OutboxWriter,
  ) {}

  @Transactional()
  async execute({ name, failAfterAppend }: RecordThingCommand): Promise<string> {
    const [{ id }] = await this.txHost.tx.query<{ id: string }[]>(
      'INSERT INTO probe_things (name) VALUES ($1) RETURNING id',
      [name],
    );
    await this.outbox.append({ type: 'ThingRecorded', aggregateType: 'thing', aggregateId: id, payload: { name } });
    if (failAfterAppend) throw new Error('the change fails after the event was appended');
    return id;
  }
}

/** Records each delivery; no unique key, so a second delivery would show as a second row. */
@Injectable()
@ConsumesEvents({ name: 'probe.effects', events: ['ThingRecorded'] })
class ProbeEffectsConsumer implements EventConsumer {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  async handle(event: PublishedEvent): Promise<void> {
    await this.txHost.tx.query('INSERT INTO probe_effects (event_id, name) VALUES ($1, $2)', [
      event.id,
      event.payload.name,
    ]);
  }
}

/** Appends `steps` events for one aggregate in one transaction. */
export class TakeStepsCommand extends Command<void> {
  constructor(
    readonly aggregateId: string,
    readonly steps: number,
  ) {
    super();
  }
}

@CommandHandler(TakeStepsCommand)
class TakeStepsHandler implements ICommandHandler<TakeStepsCommand> {
  constructor(private readonly outbox: OutboxWriter) {}

  @Transactional()
  async execute({ aggregateId, steps }: TakeStepsCommand): Promise<void> {
    await this.outbox.append(
      ...Array.from({ length: steps }, (_, index) => ({
        type: 'StepTaken',
        aggregateType: 'walker',
        aggregateId,
        payload: { step: index + 1 },
      })),
    );
  }
}

/** Ordered: records steps in the order it handles them; the first step is slow to invite overtaking. */
@Injectable()
@ConsumesEvents({ name: 'probe.steps', events: ['StepTaken'], ordered: true })
class ProbeStepsConsumer implements EventConsumer {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  async handle(event: PublishedEvent): Promise<void> {
    if (event.payload.step === 1) await new Promise((resolve) => setTimeout(resolve, 300));
    await this.txHost.tx.query('INSERT INTO probe_steps (aggregate_id, step) VALUES ($1, $2)', [
      event.aggregateId,
      event.payload.step,
    ]);
  }
}

@Module({ providers: [RecordThingHandler, ProbeEffectsConsumer, TakeStepsHandler, ProbeStepsConsumer] })
export class OutboxProbeModule {}
