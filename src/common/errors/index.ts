export * from './error-codes.js';
export * from './domain-error.js';
export * from './problem-details.js';
export * from './database-errors.js';
