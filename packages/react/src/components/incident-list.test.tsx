import { act, cleanup, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { ev, fakeAurora, make } from '../test/fake-aurora.js';
import { IncidentList } from './incident-list.js';

afterEach(cleanup);

describe('IncidentList', () => {
  it('shows status, severity, affected services and alert count, and links each incident', async () => {
    const fake = fakeAurora({
      'GET /api/incidents': {
        items: [
          make.incident(),
          make.incident({
            id: 'inc_0',
            title: 'Disk full on db-1',
            status: 'resolved',
            severity: 'low',
            alertCount: 1,
            affectedServices: ['db'],
            startedAt: '2026-02-28T10:00:00.000Z',
          }),
        ],
        nextCursor: null,
      },
    });
    fake.render(<IncidentList getHref={(i) => `/incidents/${i.id}`} />);
    const link = await screen.findByRole('link', { name: 'checkout-api 5xx rate above 5%' });
    expect(link.getAttribute('href')).toBe('/incidents/inc_1');
    const rows = screen.getAllByTestId('incident-row');
    expect(rows).toHaveLength(2);
    const first = within(rows[0]!);
    expect(first.getByText('Investigating')).toBeTruthy();
    expect(first.getByText('Critical')).toBeTruthy();
    expect(first.getByText('checkout-api')).toBeTruthy();
    expect(first.getByText('payments')).toBeTruthy();
    expect(first.getByText('3 alerts')).toBeTruthy();
    expect(within(rows[1]!).getByText('Resolved')).toBeTruthy();
    expect(within(rows[1]!).getByText('1 alert')).toBeTruthy();
  });

  it('adds an incident announced on the stream without a reload and shows it is live', async () => {
    const fake = fakeAurora({ 'GET /api/incidents': { items: [make.incident()], nextCursor: null } });
    fake.render(<IncidentList />);
    await screen.findByRole('link', { name: /checkout-api/ });
    expect(await screen.findByText('Live')).toBeTruthy();
    const fresh = make.incident({
      id: 'inc_2',
      title: 'payments latency p99 > 2s',
      startedAt: '2026-03-01T10:05:00.000Z',
    });
    act(() => fake.send('/api/incidents/stream', ev({ type: 'incident.created', incident: fresh })));
    const link = await screen.findByRole('link', { name: 'payments latency p99 > 2s' });
    // Newest first.
    expect(screen.getAllByTestId('incident-row')[0]?.contains(link)).toBe(true);
    act(() =>
      fake.send(
        '/api/incidents/stream',
        ev({
          type: 'incident.updated',
          incident: { ...fresh, status: 'analyzed', version: 2 },
          changes: ['status'],
        }),
      ),
    );
    expect(await within(screen.getAllByTestId('incident-row')[0]!).findByText('Analyzed')).toBeTruthy();
  });

  it('reports a failed load', async () => {
    const fake = fakeAurora({});
    fake.render(<IncidentList />);
    expect((await screen.findByRole('alert')).textContent).toMatch(/Could not load incidents/);
  });
});
