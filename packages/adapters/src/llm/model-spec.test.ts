import { AuroraError } from '@aurora-rca/core';
import { describe, expect, it } from 'vitest';
import { parseModelSpec } from './model-spec.js';

describe('parseModelSpec', () => {
  it('parses provider:model, keeping Ollama tags after the first colon', () => {
    expect(parseModelSpec('openai:gpt-4o-mini')).toEqual({ provider: 'openai', model: 'gpt-4o-mini' });
    expect(parseModelSpec(' Anthropic:claude-sonnet-4-5 ')).toEqual({
      provider: 'anthropic',
      model: 'claude-sonnet-4-5',
    });
    expect(parseModelSpec('ollama:llama3.1:8b')).toEqual({ provider: 'ollama', model: 'llama3.1:8b' });
  });

  it('accepts a bare model only with a default provider', () => {
    expect(parseModelSpec('gpt-4o', { defaultProvider: 'openai' })).toEqual({
      provider: 'openai',
      model: 'gpt-4o',
    });
    expect(parseModelSpec('qwen2.5:7b', { defaultProvider: 'ollama' })).toEqual({
      provider: 'ollama',
      model: 'qwen2.5:7b',
    });
  });

  it('rejects malformed specs with INVALID_INPUT and says what is accepted', () => {
    for (const [spec, why] of [
      ['', /empty/],
      ['gpt-4o', /provider is missing/],
      ['mistral:large', /unknown provider "mistral"/],
      ['openai:', /model name .* missing/],
    ] as const) {
      let error: unknown;
      try {
        parseModelSpec(spec);
      } catch (e) {
        error = e;
      }
      expect(AuroraError.isInstance(error), spec).toBe(true);
      expect((error as AuroraError).code).toBe('INVALID_INPUT');
      expect((error as AuroraError).message).toMatch(why);
      expect((error as AuroraError).message).toContain('openai, anthropic, ollama');
    }
  });
});
