import { act, cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { ev, fakeAurora, make } from '../test/fake-aurora.js';
import { IncidentDetail } from './incident-detail.js';

afterEach(cleanup);

const STREAM = '/api/incidents/inc_1/stream';

describe('IncidentDetail', () => {
  it('opens the Thoughts tab while investigating and streams new thoughts into it', async () => {
    const fake = fakeAurora({
      'GET /api/incidents/inc_1': make.detail({ thoughts: [make.thought(1, 'Looking at the 5xx spike')] }),
    });
    fake.render(<IncidentDetail incidentId="inc_1" />);
    await screen.findByRole('heading', { level: 1, name: 'checkout-api 5xx rate above 5%' });
    expect(screen.getByRole('tab', { name: 'Thoughts' }).getAttribute('aria-selected')).toBe('true');
    const log = screen.getByRole('log', { name: 'Investigation thoughts' });
    expect(within(log).getByText('Looking at the 5xx spike')).toBeTruthy();
    expect(screen.getByText('Aurora is investigating…')).toBeTruthy();

    act(() =>
      fake.send(STREAM, ev({ type: 'thought', thoughts: [make.thought(2, 'Pods are crash-looping')] })),
    );
    expect(await within(log).findByText('Pods are crash-looping')).toBeTruthy();
    expect(within(log).getAllByRole('listitem')).toHaveLength(2);
  });

  it('opens Suggestions by default once analyzed, and switches tabs with the arrow keys', async () => {
    const fake = fakeAurora({
      'GET /api/incidents/inc_1': make.detail({
        incident: make.incident({ status: 'analyzed', auroraStatus: 'complete' }),
        suggestions: [make.diagnostic()],
        alerts: [make.alert()],
      }),
    });
    fake.render(<IncidentDetail incidentId="inc_1" />);
    const suggestions = await screen.findByRole('tab', { name: 'Suggestions' });
    expect(suggestions.getAttribute('aria-selected')).toBe('true');
    expect(screen.getByRole('tabpanel').textContent).toMatch(/Inspect checkout-api logs/);

    fireEvent.keyDown(suggestions, { key: 'ArrowRight' });
    const chat = screen.getByRole('tab', { name: 'Chat' });
    expect(chat.getAttribute('aria-selected')).toBe('true');
    expect(document.activeElement).toBe(chat);
    fireEvent.keyDown(chat, { key: 'End' });
    expect(screen.getByRole('tab', { name: 'Raw Alert' }).getAttribute('aria-selected')).toBe('true');
    const panel = screen.getByRole('tabpanel');
    expect(within(panel).getByText('HighErrorRate checkout-api')).toBeTruthy();
    expect(
      within(panel).getByLabelText('Original payload of HighErrorRate checkout-api').textContent,
    ).toContain('"alertname": "HighErrorRate"');
    fireEvent.keyDown(screen.getByRole('tab', { name: 'Raw Alert' }), { key: 'ArrowRight' });
    expect(screen.getByRole('tab', { name: 'Thoughts' }).getAttribute('aria-selected')).toBe('true');
  });

  it('renders [n] in the summary as a badge that opens the citation with tool, command, output and time', async () => {
    const fake = fakeAurora({
      'GET /api/incidents/inc_1': make.detail({
        incident: make.incident({ status: 'analyzed', summary: 'The pool is exhausted [1], see also [7].' }),
        citations: [make.citation(1)],
      }),
    });
    fake.render(<IncidentDetail incidentId="inc_1" />);
    const badge = await screen.findByRole('button', { name: 'Citation 1: kubectl get pods -n shop' });
    expect(badge.textContent).toBe('[1]');
    expect(screen.getByText('[7]').tagName).toBe('SPAN'); // not streamed yet: plain text
    badge.focus();
    fireEvent.click(badge);
    const dialog = screen.getByRole('dialog', { name: 'Citation [1]' });
    expect(within(dialog).getByText('kubectl')).toBeTruthy();
    expect(within(dialog).getByText('kubectl get pods -n shop')).toBeTruthy();
    expect(within(dialog).getByLabelText('Command output').textContent).toContain('CrashLoopBackOff');
    expect(within(dialog).getByText('230 ms')).toBeTruthy();
    expect(dialog.querySelector('time')?.getAttribute('datetime')).toBe('2026-03-01T10:00:01.000Z');
    fireEvent.keyDown(dialog, { key: 'Escape' });
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(badge);

    // A citation streamed later turns its [7] into a badge.
    act(() =>
      fake.send(
        STREAM,
        ev({ type: 'citation', citation: make.citation(7, { command: 'kubectl top pods' }) }),
      ),
    );
    expect(await screen.findByRole('button', { name: 'Citation 7: kubectl top pods' })).toBeTruthy();
  });

  it('resolves the incident and shows the postmortem that streams in', async () => {
    const fake = fakeAurora({
      'GET /api/incidents/inc_1': make.detail({ incident: make.incident({ status: 'analyzed' }) }),
      'PATCH /api/incidents/inc_1': { incident: make.incident({ status: 'resolved', version: 2 }) },
    });
    fake.render(<IncidentDetail incidentId="inc_1" />);
    fireEvent.click(await screen.findByRole('button', { name: 'Resolve' }));
    expect(await screen.findByRole('button', { name: 'Resolved' })).toHaveProperty('disabled', true);
    expect(fake.calls.find((c) => c.method === 'PATCH')?.body).toEqual({ status: 'resolved' });
    expect(screen.getByRole('button', { name: 'Merge…' })).toHaveProperty('disabled', true);

    act(() => fake.send(STREAM, ev({ type: 'postmortem', postmortem: make.postmortem() })));
    const pm = await screen.findByRole('region', { name: 'Postmortem' });
    expect(within(pm).getByText('Connection pool exhausted')).toBeTruthy();
    expect(within(pm).getByText('Alert on pool saturation')).toBeTruthy();
  });

  it('shows the server error when resolving is refused', async () => {
    const fake = fakeAurora({
      'GET /api/incidents/inc_1': make.detail(),
      'PATCH /api/incidents/inc_1': () => ({
        __status: 409,
        body: {
          error: { code: 'INVALID_TRANSITION', message: 'Cannot move an incident from merged to resolved' },
        },
      }),
    });
    fake.render(<IncidentDetail incidentId="inc_1" />);
    fireEvent.click(await screen.findByRole('button', { name: 'Resolve' }));
    expect((await screen.findByRole('alert')).textContent).toBe(
      'Cannot move an incident from merged to resolved',
    );
  });

  it('says so when the incident does not exist', async () => {
    const fake = fakeAurora({});
    fake.render(<IncidentDetail incidentId="inc_1" />);
    expect((await screen.findByRole('alert')).textContent).toBe('Incident not found.');
  });
});
