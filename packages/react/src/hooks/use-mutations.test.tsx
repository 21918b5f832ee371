import { AuroraError } from '@aurora-rca/core/client';
import { act, cleanup, renderHook, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { AuroraProvider } from '../provider.js';
import { fakeAurora, make } from '../test/fake-aurora.js';
import { useIncidents } from './use-incidents.js';
import { useMergeIncident, useUpdateIncident } from './use-mutations.js';

afterEach(cleanup);

describe('mutation hooks', () => {
  it('useUpdateIncident goes pending → success and updates the live list', async () => {
    const fake = fakeAurora({
      'GET /api/incidents': { items: [make.incident()], nextCursor: null },
      'PATCH /api/incidents/inc_1': {
        incident: make.incident({ status: 'analyzed', title: 'Renamed', version: 2 }),
      },
    });
    const wrapper = ({ children }: { children: ReactNode }) => (
      <AuroraProvider client={fake.client}>{children}</AuroraProvider>
    );
    const { result } = renderHook(() => ({ update: useUpdateIncident(), list: useIncidents() }), { wrapper });
    await waitFor(() => expect(result.current.list.items).toHaveLength(1));
    expect(result.current.update.status).toBe('idle');
    let pending: Promise<unknown> = Promise.resolve();
    act(() => {
      pending = result.current.update.mutate({ id: 'inc_1', patch: { title: 'Renamed' } });
    });
    expect(result.current.update.isPending).toBe(true);
    await act(() => pending);
    expect(result.current.update.status).toBe('success');
    expect(result.current.list.items[0]?.title).toBe('Renamed');
  });

  it('useMergeIncident exposes the server error code and rejects mutateAsync', async () => {
    const fake = fakeAurora({
      'POST /api/incidents/inc_1/merge': () => ({
        __status: 404,
        body: { error: { code: 'NOT_FOUND', message: 'incident inc_9 not found' } },
      }),
    });
    const wrapper = ({ children }: { children: ReactNode }) => (
      <AuroraProvider client={fake.client}>{children}</AuroraProvider>
    );
    const { result } = renderHook(() => useMergeIncident(), { wrapper });
    let caught: unknown;
    await act(async () => {
      caught = await result.current
        .mutateAsync({ sourceId: 'inc_1', targetId: 'inc_9' })
        .catch((e: unknown) => e);
    });
    expect(AuroraError.isInstance(caught)).toBe(true);
    expect(result.current.status).toBe('error');
    expect(result.current.error?.code).toBe('NOT_FOUND');
    act(() => result.current.reset());
    expect(result.current.status).toBe('idle');
  });
});
