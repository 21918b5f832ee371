import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeAurora, make } from '../test/fake-aurora.js';
import { MergeDialog } from './merge-dialog.js';

afterEach(cleanup);

describe('MergeDialog', () => {
  it('merges the incident into the chosen open incident and closes', async () => {
    const source = make.incident();
    const target = make.incident({
      id: 'inc_2',
      title: 'payments 5xx',
      startedAt: '2026-03-01T09:59:00.000Z',
    });
    const fake = fakeAurora({
      'GET /api/incidents': { items: [source, target], nextCursor: null },
      'POST /api/incidents/inc_1/merge': {
        source: { ...source, status: 'merged', mergedIntoId: 'inc_2', version: 2 },
        target: { ...target, alertCount: 6, version: 2 },
        movedAlerts: 3,
      },
    });
    const onMerged = vi.fn();
    fake.render(<MergeDialog incident={source} onMerged={onMerged} />);
    const open = screen.getByRole('button', { name: 'Merge…' });
    open.focus();
    fireEvent.click(open);
    const dialog = screen.getByRole('dialog', { name: 'Merge incident' });
    expect(document.activeElement).toBe(dialog);
    const merge = within(dialog).getByRole('button', { name: 'Merge' });
    expect(merge).toHaveProperty('disabled', true);
    // The incident itself is not offered as a target.
    const options = await within(dialog).findAllByRole('radio');
    expect(options).toHaveLength(1);
    fireEvent.click(within(dialog).getByRole('radio', { name: /payments 5xx/ }));
    fireEvent.click(merge);
    await vi.waitFor(() => expect(onMerged).toHaveBeenCalledTimes(1));
    expect(onMerged.mock.calls[0]?.[0]).toMatchObject({ movedAlerts: 3, target: { id: 'inc_2' } });
    expect(fake.calls.find((c) => c.method === 'POST')?.body).toEqual({ targetId: 'inc_2' });
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(open);
  });

  it('keeps the dialog open with the reason when the merge is refused', async () => {
    const fake = fakeAurora({
      'GET /api/incidents': {
        items: [make.incident(), make.incident({ id: 'inc_2', title: 'other' })],
        nextCursor: null,
      },
      'POST /api/incidents/inc_1/merge': () => ({
        __status: 409,
        body: { error: { code: 'INVALID_TRANSITION', message: 'Target incident is resolved' } },
      }),
    });
    fake.render(<MergeDialog incident={make.incident()} />);
    fireEvent.click(screen.getByRole('button', { name: 'Merge…' }));
    fireEvent.click(await screen.findByRole('radio', { name: /other/ }));
    fireEvent.click(screen.getByRole('button', { name: 'Merge' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Target incident is resolved');
    expect(screen.getByRole('dialog')).toBeTruthy();
  });
});
