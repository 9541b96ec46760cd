export * from './errors/index.js';
export * from './http/problem-details.filter.js';
export * from './http/validation.pipe.js';
export * from './http/rate-limited.decorator.js';
export * from './openapi/problem-details.dto.js';
export * from './openapi/api-problems.decorator.js';
