// The DB_RETRY_* settings: their defaults, overrides, and the values refused at start-up.
import { describe, expect, it } from 'vitest';
import { readConfig } from '../../src/config.js';

describe('the DB_RETRY_* settings', () => {
  it('default to 4 attempts, waits capped at 50 ms doubling up to 2 s', () => {
    expect(readConfig({}).retry).toEqual({ maxAttempts: 4, baseDelayMs: 50, maxDelayMs: 2000 });
  });

  it('are read from the environment', () => {
    expect(readConfig({ DB_RETRY_MAX_ATTEMPTS: '1', DB_RETRY_BASE_DELAY_MS: '0', DB_RETRY_MAX_DELAY_MS: '250' }).retry).toEqual({ maxAttempts: 1, baseDelayMs: 0, maxDelayMs: 250 });
  });

  it.each([
    { name: 'DB_RETRY_MAX_ATTEMPTS', value: '0', message: 'DB_RETRY_MAX_ATTEMPTS must be at least 1, got "0"' },
    { name: 'DB_RETRY_MAX_ATTEMPTS', value: 'many', message: 'DB_RETRY_MAX_ATTEMPTS must be a non-negative integer, got "many"' },
    { name: 'DB_RETRY_BASE_DELAY_MS', value: '-5', message: 'DB_RETRY_BASE_DELAY_MS must be a non-negative integer, got "-5"' },
    { name: 'DB_RETRY_MAX_DELAY_MS', value: '1.5', message: 'DB_RETRY_MAX_DELAY_MS must be a non-negative integer, got "1.5"' },
  ])('refuse $name=$value', ({ name, value, message }) => {
    expect(() => readConfig({ [name]: value })).toThrow(message);
  });
});
