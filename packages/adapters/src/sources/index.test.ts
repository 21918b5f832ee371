import { readdirSync, readFileSync } from 'node:fs';
import { AuroraError, resolveAlertSource } from '@aurora-rca/core';
import { describe, expect, it } from 'vitest';
import {
  BUILT_IN_SOURCE_IDS,
  builtInSourceRegistry,
  builtInSources,
  createSourceRegistry,
  DEFAULT_MAX_BODY_BYTES,
  grafanaSource,
  parseWebhookBody,
  utf8ByteLength,
} from './index.js';

describe('built-in sources', () => {
  it('registers all ten sources under their ids, each a valid v1 spec', () => {
    const sources = builtInSources();
    expect(sources.map((s) => s.id)).toEqual([...BUILT_IN_SOURCE_IDS]);
    for (const s of sources) {
      expect(resolveAlertSource(s)).toBe(s);
      expect(s.displayName.length).toBeGreaterThan(0);
      expect(s.authTypes).not.toContain('none');
    }
  });

  it('looks sources up by id and names the known ids for an unknown one', () => {
    const registry = builtInSourceRegistry();
    expect(registry.get('grafana')?.id).toBe('grafana');
    expect(registry.get('nagios')).toBeUndefined();
    try {
      registry.require('nagios');
      expect.unreachable();
    } catch (e) {
      expect(AuroraError.isInstance(e) && e.code).toBe('NOT_FOUND');
      expect((e as Error).message).toContain('grafana, pagerduty');
    }
  });

  it('lets a host replace a built-in with a configured instance', () => {
    const custom = grafanaSource({ defaultSeverity: 'high' });
    const registry = createSourceRegistry([...builtInSources(), custom]);
    expect(registry.require('grafana')).toBe(custom);
    expect(registry.ids()).toHaveLength(10);
  });

  it('rejects unknown factory options', () => {
    expect(() => grafanaSource({ severityMapp: {} } as never)).toThrow(/severityMapp/);
    expect(() => grafanaSource({ defaultSeverity: 'urgent' } as never)).toThrow(AuroraError);
  });
});

describe('parseWebhookBody', () => {
  it('has a 1 MiB default limit and answers PAYLOAD_TOO_LARGE above it', () => {
    expect(DEFAULT_MAX_BODY_BYTES).toBe(1_048_576);
    const big = `{"a":"${'x'.repeat(DEFAULT_MAX_BODY_BYTES)}"}`;
    expect(() => parseWebhookBody(big, { source: 'grafana' })).toThrow(
      expect.objectContaining({ code: 'PAYLOAD_TOO_LARGE' }),
    );
    expect(parseWebhookBody('{"a":1}', { source: 'grafana', maxBytes: 7 })).toEqual({ a: 1 });
    expect(() => parseWebhookBody('{"a":1}', { source: 'grafana', maxBytes: 6 })).toThrow(/limit is 6/);
  });

  it('counts UTF-8 bytes, not UTF-16 units', () => {
    expect(utf8ByteLength('é✓😀')).toBe(Buffer.byteLength('é✓😀'));
    expect(utf8ByteLength('\ud800x')).toBe(Buffer.byteLength('\ud800x'));
  });

  it('answers INVALID_INPUT naming the source for empty and non-JSON bodies', () => {
    expect(() => parseWebhookBody('  ', { source: 'datadog' })).toThrow(
      expect.objectContaining({ code: 'INVALID_INPUT', message: 'datadog payload is empty' }),
    );
    expect(() => parseWebhookBody('{nope', { source: 'datadog' })).toThrow(
      /datadog payload is not valid JSON/,
    );
  });
});

describe('fixture coverage', () => {
  it('every vendor payload in fixtures/payloads is asserted by a source test', () => {
    const root = new URL('../../../../fixtures/payloads/', import.meta.url);
    const here = new URL('./', import.meta.url);
    const tests = readdirSync(here)
      .filter((f) => f.endsWith('.test.ts'))
      .map((f) => readFileSync(new URL(f, here), 'utf8'))
      .join('\n');
    const files = readdirSync(root, { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .flatMap((d) => readdirSync(new URL(`${d.name}/`, root)).map((f) => `${d.name}/${f}`));
    expect(files.length).toBe(24);
    expect(files.filter((f) => !tests.includes(`fixture('${f}')`))).toEqual([]);
  });
});
