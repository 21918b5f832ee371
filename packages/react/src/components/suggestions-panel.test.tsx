import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type Call, fakeAurora, make } from '../test/fake-aurora.js';
import { SuggestionsPanel } from './suggestions-panel.js';

afterEach(cleanup);

describe('SuggestionsPanel', () => {
  it('copies a diagnostic command and runs it, showing the result as a citation', async () => {
    const writeText = vi.fn(async () => {});
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    const fake = fakeAurora({
      'GET /api/incidents/inc_1': make.detail({
        suggestions: [make.diagnostic()],
        citations: [make.citation(1)],
      }),
      'POST /api/suggestions/sug_d/execute': {
        suggestion: { ...make.diagnostic(), status: 'executed', resultCitationKey: '2' },
        citation: make.citation(2, {
          command: 'kubectl logs deploy/checkout-api -n shop --tail=200',
          output: 'FATAL pool timeout',
        }),
      },
    });
    fake.render(<SuggestionsPanel incidentId="inc_1" />);
    const card = await screen.findByRole('article', { name: 'Inspect checkout-api logs' });
    fireEvent.click(within(card).getByRole('button', { name: 'Copy command' }));
    expect(await within(card).findByRole('button', { name: 'Copied' })).toBeTruthy();
    expect(writeText).toHaveBeenCalledWith('kubectl logs deploy/checkout-api -n shop --tail=200');

    fireEvent.click(within(card).getByRole('button', { name: 'Run' }));
    const result = await within(card).findByRole('button', { name: /^Citation 2:/ });
    fireEvent.click(result);
    expect(within(screen.getByRole('dialog')).getByLabelText('Command output').textContent).toBe(
      'FATAL pool timeout',
    );
    expect(within(card).getByRole('button', { name: 'Run again' })).toBeTruthy();
  });

  it('shows a fix as a diff, saves an inline edit, and applies it to a pull request link', async () => {
    const edited = 'pool:\n  size: 25\n  timeout: 30\n';
    const fake = fakeAurora({
      'GET /api/incidents/inc_1': make.detail({ suggestions: [make.fix()] }),
      'PATCH /api/suggestions/sug_f': (call: Call) => ({
        suggestion: make.fix({
          userEditedContent: (call.body as { userEditedContent: string }).userEditedContent,
          updatedAt: '2026-03-01T10:10:00.000Z',
        }),
      }),
      'POST /api/suggestions/sug_f/apply': {
        suggestion: make.fix({
          userEditedContent: edited,
          status: 'applied',
          prUrl: 'https://github.com/acme/checkout/pull/42',
          prNumber: 42,
        }),
        pullRequest: {
          url: 'https://github.com/acme/checkout/pull/42',
          number: 42,
          branch: 'aurora/fix-incident-inc_1-1',
          baseBranch: 'main',
        },
      },
    });
    fake.render(<SuggestionsPanel incidentId="inc_1" />);
    const card = await screen.findByRole('article', { name: 'Raise the database pool size' });
    const diff = within(card).getByRole('table', { name: 'Changes to config/db.yaml' });
    const removed = diff.querySelectorAll('[data-diff="removed"]');
    const added = diff.querySelectorAll('[data-diff="added"]');
    expect([...removed].map((r) => r.textContent)).toEqual(['2-removed  size: 5']);
    expect([...added].map((r) => r.textContent)).toEqual(['2+added  size: 20']);

    fireEvent.click(within(card).getByRole('button', { name: 'Edit' }));
    const editor = within(card).getByLabelText('Edit config/db.yaml') as HTMLTextAreaElement;
    expect(editor.value).toBe('pool:\n  size: 20\n  timeout: 30\n');
    expect(within(card).getByRole('button', { name: 'Apply fix' })).toHaveProperty('disabled', true);
    fireEvent.change(editor, { target: { value: edited } });
    fireEvent.click(within(card).getByRole('button', { name: 'Save edit' }));
    expect(await within(card).findByText('edited')).toBeTruthy();
    expect(fake.calls.find((c) => c.method === 'PATCH')?.body).toEqual({ userEditedContent: edited });
    expect(within(card).getByRole('table').textContent).toContain('size: 25');

    fireEvent.click(within(card).getByRole('button', { name: 'Apply fix' }));
    const link = await within(card).findByRole('link', { name: 'Pull request #42' });
    expect(link.getAttribute('href')).toBe('https://github.com/acme/checkout/pull/42');
    expect(within(card).queryByRole('button', { name: 'Apply fix' })).toBeNull();
  });

  it('shows why applying a fix failed', async () => {
    const fake = fakeAurora({
      'GET /api/incidents/inc_1': make.detail({ suggestions: [make.fix()] }),
      'POST /api/suggestions/sug_f/apply': () => ({
        __status: 502,
        body: { error: { code: 'UPSTREAM', message: 'GitHub refused the branch: protected' } },
      }),
    });
    fake.render(<SuggestionsPanel incidentId="inc_1" />);
    fireEvent.click(await screen.findByRole('button', { name: 'Apply fix' }));
    expect((await screen.findByRole('alert')).textContent).toBe('GitHub refused the branch: protected');
    expect(screen.getByRole('button', { name: 'Apply fix' })).toHaveProperty('disabled', false);
  });
});
