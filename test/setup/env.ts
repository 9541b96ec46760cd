// Evaluated before any suite: CommonJS packages such as @nestjs/throttler require() the ESM-only
// @nestjs/common and @nestjs/core, which Jest refuses while they are still being linked ("require(esm) in a
// cycle"). Loading it first means the later require() finds it fully evaluated.
import '@nestjs/common';
import '@nestjs/core';

// Test processes never read a developer's .env: every variable a suite needs is set explicitly.
process.env.NODE_ENV = 'test';
