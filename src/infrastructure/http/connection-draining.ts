import type { FastifyInstance } from 'fastify';

const draining = new WeakSet<object>();

/**
 * While shutting down, every response asks the client to close its keep-alive connection;
 * otherwise an idle keep-alive socket holds the server open until Fastify's 72 s keep-alive timeout.
 */
export function enableConnectionDraining(fastify: FastifyInstance): void {
  fastify.addHook('onSend', async (_request, reply) => {
    if (draining.has(fastify)) void reply.header('connection', 'close');
  });
}

export function startDraining(fastify: FastifyInstance): void {
  draining.add(fastify);
  fastify.server.closeIdleConnections();
}
