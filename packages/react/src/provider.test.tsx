import { cleanup, render, renderHook, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { useIncidents } from './hooks/use-incidents.js';
import { AuroraProvider, useAuroraClient } from './provider.js';
import { make } from './test/fake-aurora.js';

afterEach(cleanup);

function Titles() {
  const { items } = useIncidents();
  return <p>{items.map((i) => i.title).join(', ')}</p>;
}

describe('AuroraProvider', () => {
  it('useAuroraClient throws a clear error outside the provider', () => {
    expect(() => renderHook(() => useAuroraClient())).toThrow(/outside <AuroraProvider>/);
  });

  it('creates a client from options: base URL, token getter and fetch are used for requests', async () => {
    const requests: Array<{ url: string; auth: string | null }> = [];
    const fakeFetch: typeof fetch = async (input, init) => {
      const url = String(input);
      requests.push({ url, auth: new Headers(init?.headers).get('authorization') });
      if (url.endsWith('/stream')) return new Response('no streams here', { status: 404 });
      return Response.json({ items: [make.incident()], nextCursor: null });
    };
    render(
      <AuroraProvider
        baseUrl="https://ops.example.com"
        getToken={() => 'secret'}
        fetch={fakeFetch}
        openTimeoutMs={10}
      >
        <Titles />
      </AuroraProvider>,
    );
    expect(await screen.findByText('checkout-api 5xx rate above 5%')).toBeTruthy();
    await waitFor(() =>
      expect(requests.some((r) => r.url === 'https://ops.example.com/api/incidents')).toBe(true),
    );
    expect(requests.every((r) => r.auth === 'Bearer secret')).toBe(true);
  });
});
