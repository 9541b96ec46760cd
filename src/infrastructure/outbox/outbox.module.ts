import { Global, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { EventConsumerRegistry } from './event-consumer.registry.js';
import { OutboxWriter } from './outbox-writer.js';

/** Available to every module: append events in a handler's transaction; consumers are discovered. */
@Global()
@Module({
  imports: [DiscoveryModule],
  providers: [OutboxWriter, EventConsumerRegistry],
  exports: [OutboxWriter, EventConsumerRegistry],
})
export class OutboxModule {}
