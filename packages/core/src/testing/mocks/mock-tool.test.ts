import { describe, expect, it } from 'vitest';
import { executeTool } from '../../tools/index.js';
import { mockTool } from './mock-tool.js';

const ctx = {
  tenantId: 't',
  mode: 'investigation' as const,
  signal: new AbortController().signal,
  timeoutMs: 1000,
};

describe('mockTool', () => {
  it('answers from its table through executeTool and records calls', async () => {
    const kubectl = mockTool({ answers: { 'get pods': { output: 'pod-1 Running' } } });
    expect(await executeTool(kubectl, { args: ['get', 'pods'] }, ctx)).toMatchObject({
      status: 'ok',
      output: 'pod-1 Running',
      command: 'kubectl get pods',
    });
    expect(await executeTool(kubectl, { args: ['logs', 'x'] }, ctx)).toMatchObject({
      status: 'error',
      reason: 'no answer for kubectl logs x',
    });
    expect(kubectl.calls).toEqual([
      { args: ['get', 'pods'], mode: 'investigation' },
      { args: ['logs', 'x'], mode: 'investigation' },
    ]);
  });
});
