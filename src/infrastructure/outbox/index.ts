export * from './domain-event.js';
export * from './event-consumer.js';
export { OutboxWriter } from './outbox-writer.js';
