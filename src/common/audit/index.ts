export * from './audit-context.js';
export * from './audit-diff.js';
