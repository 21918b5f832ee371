// Test support for the source tests (not exported from the package).
import { readFileSync } from 'node:fs';
import { Alert, type AlertSource, AuroraError, type SourceMappingOptions } from '@aurora-rca/core';
import { expect } from 'vitest';

/** The receive time every source test passes. */
export const RECEIVED_AT = '2026-03-01T12:00:00.000Z';

/** A vendor payload from `fixtures/payloads/` (see SOURCES.md there). */
export function fixture(relativePath: string): unknown {
  return JSON.parse(
    readFileSync(new URL(`../../../../../fixtures/payloads/${relativePath}`, import.meta.url), 'utf8'),
  );
}

/** Parses and checks every alert against the core `Alert` schema, as storage will. */
export function parse(source: AlertSource, body: unknown, mapping?: SourceMappingOptions): Alert[] {
  return source
    .parse(body, { headers: {}, receivedAt: RECEIVED_AT, ...(mapping ? { mapping } : {}) })
    .map((a) => Alert.parse(a));
}

/** Asserts `fn` throws `AuroraError('INVALID_INPUT')` whose details name `field`. */
export function expectInvalid(fn: () => unknown, field: string): AuroraError {
  let caught: unknown;
  try {
    fn();
  } catch (e) {
    caught = e;
  }
  expect(AuroraError.isInstance(caught), `expected an AuroraError, got ${String(caught)}`).toBe(true);
  const err = caught as AuroraError;
  expect(err.code).toBe('INVALID_INPUT');
  expect(err.details?.field).toBe(field);
  expect(err.message).toContain(field);
  return err;
}
