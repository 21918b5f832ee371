import type { Thought } from '@aurora-rca/core/client';
import { act, cleanup, screen } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { useIncident } from '../hooks/use-incident.js';
import { ev, fakeAurora, make } from '../test/fake-aurora.js';
import { ThoughtsPanel } from './thoughts-panel.js';

afterEach(cleanup);

function LiveThoughts({ renderContent }: { renderContent: (t: Thought) => ReactNode }) {
  const { data } = useIncident('inc_1');
  return data ? <ThoughtsPanel thoughts={data.thoughts} investigating renderContent={renderContent} /> : null;
}

describe('ThoughtsPanel', () => {
  it('renders only the new row when a thought streams into a list of thousands', async () => {
    const many = Array.from({ length: 2000 }, (_, i) => make.thought(i + 1, `thought ${i + 1}`));
    const fake = fakeAurora({ 'GET /api/incidents/inc_1': make.detail({ thoughts: many }) });
    const renderContent = vi.fn((t: Thought) => t.content);
    fake.render(<LiveThoughts renderContent={renderContent} />);
    const log = await screen.findByRole('log', { name: 'Investigation thoughts' });
    expect(log.querySelectorAll('li')).toHaveLength(2000);
    expect(renderContent).toHaveBeenCalledTimes(2000);

    renderContent.mockClear();
    act(() =>
      fake.send(
        '/api/incidents/inc_1/stream',
        ev({ type: 'thought', thoughts: [make.thought(2001, 'the newest')] }),
      ),
    );
    await vi.waitFor(() => expect(log.lastElementChild?.textContent).toContain('the newest'));
    expect(renderContent).toHaveBeenCalledTimes(1);
    expect(renderContent).toHaveBeenCalledWith(expect.objectContaining({ seq: 2001 }));

    // A replayed (duplicate) thought after a reconnect renders nothing.
    renderContent.mockClear();
    act(() =>
      fake.send(
        '/api/incidents/inc_1/stream',
        ev({ type: 'thought', thoughts: [make.thought(5, 'thought 5')] }),
      ),
    );
    await act(async () => {});
    expect(renderContent).not.toHaveBeenCalled();
    expect(log.querySelectorAll('li')).toHaveLength(2001);
  });
});
