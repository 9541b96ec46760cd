import { Injectable, type OnModuleInit } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { discoverDecorated } from '../discovery/discover-decorated.js';
import { EVENT_CONSUMER_KEY, type EventConsumer, type EventConsumerOptions } from './event-consumer.js';

export interface RegisteredConsumer extends EventConsumerOptions {
  instance: EventConsumer;
}

/** Every `@ConsumesEvents` provider of the app, by name and by event type. */
@Injectable()
export class EventConsumerRegistry implements OnModuleInit {
  private readonly byName = new Map<string, RegisteredConsumer>();

  constructor(private readonly discovery: DiscoveryService) {}

  onModuleInit(): void {
    for (const { options, instance } of discoverDecorated<EventConsumerOptions, EventConsumer>(
      this.discovery,
      EVENT_CONSUMER_KEY,
    )) {
      if (!/^[a-z0-9.-]+$/.test(options.name)) {
        throw new Error(`Event consumer name "${options.name}" must be lower-case letters, digits, "." or "-"`);
      }
      if (this.byName.has(options.name)) throw new Error(`Two event consumers are named "${options.name}"`);
      this.byName.set(options.name, { ...options, instance });
    }
  }

  get(name: string): RegisteredConsumer | undefined {
    return this.byName.get(name);
  }

  forEvent(type: string): RegisteredConsumer[] {
    return [...this.byName.values()].filter((consumer) => consumer.events.includes(type));
  }
}
