export * from './roles.js';
export * from './roles.decorator.js';
export * from './public.decorator.js';
export * from './station-scoped.decorator.js';
export * from './current-user.decorator.js';
export * from './auth.guards.js';
export * from './bearer-token.js';
