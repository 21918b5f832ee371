import { act, cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { ev, fakeAurora, make } from '../test/fake-aurora.js';
import { ChatPanel } from './chat-panel.js';

afterEach(cleanup);

const approval = {
  id: 'apr_1',
  tool: 'kubectl',
  args: ['rollout', 'restart', 'deploy/checkout-api', '-n', 'shop'],
  command: 'kubectl rollout restart deploy/checkout-api -n shop',
  reason: 'Restarting clears the stuck connections',
  status: 'pending' as const,
  decidedBy: null,
  decidedAt: null,
};

describe('ChatPanel', () => {
  it('asks in agent mode, streams the answer, and approves the pending command', async () => {
    let messages = [make.message(1)];
    const fake = fakeAurora({
      'GET /api/incidents/inc_1': make.detail(),
      'POST /api/incidents/inc_1/chat': { sessionId: 'chs_1', messageId: 'msg_1' },
      'GET /api/chat/sessions/chs_1': () => ({ session: make.session(), messages }),
      'POST /api/chat/sessions/chs_1/approvals/apr_1': () => {
        messages = [
          messages[0]!,
          make.message(2, { approval: { ...approval, status: 'approved', decidedBy: 'ana' } }),
        ];
        return { ok: true };
      },
    });
    fake.render(<ChatPanel incidentId="inc_1" />);
    fireEvent.click(await screen.findByRole('radio', { name: /Agent/ }));
    const question = screen.getByLabelText('Question');
    fireEvent.change(question, { target: { value: 'What changed before the errors?' } });
    fireEvent.keyDown(question, { key: 'Enter' });

    const log = screen.getByRole('log', { name: 'Chat messages' });
    expect(await within(log).findByText('What changed before the errors?')).toBeTruthy();
    const post = fake.calls.find((c) => c.method === 'POST');
    expect(post?.body).toEqual({ question: 'What changed before the errors?', mode: 'agent' });
    expect((question as HTMLTextAreaElement).value).toBe('');

    const stream = '/api/incidents/inc_1/stream';
    act(() =>
      fake.send(
        stream,
        ev({ type: 'chat.message', message: make.message(2, { content: 'A deploy', status: 'streaming' }) }),
      ),
    );
    const answer = await within(log).findByText('A deploy');
    expect(answer.closest('li')?.getAttribute('aria-busy')).toBe('true');
    act(() =>
      fake.send(
        stream,
        ev({
          type: 'chat.message',
          message: make.message(2, { content: 'A deploy at 09:58. Restart it?', approval }),
        }),
      ),
    );
    const box = await screen.findByRole('region', { name: 'Approval required' });
    expect(within(box).getByText('kubectl rollout restart deploy/checkout-api -n shop')).toBeTruthy();
    expect(within(log).getAllByRole('listitem')).toHaveLength(2);

    fireEvent.click(within(box).getByRole('button', { name: 'Approve' }));
    expect(await within(log).findByText(/was approved/)).toBeTruthy();
    expect(screen.queryByRole('region', { name: 'Approval required' })).toBeNull();
    expect(fake.calls.find((c) => c.path.endsWith('/approvals/apr_1'))?.body).toEqual({
      decision: 'approve',
    });
  });

  it('continues the latest session and sends its id with the next question', async () => {
    const fake = fakeAurora({
      'GET /api/incidents/inc_1': make.detail({ chatSessions: [make.session()] }),
      'GET /api/chat/sessions/chs_1': {
        session: make.session(),
        messages: [make.message(1), make.message(2)],
      },
      'POST /api/incidents/inc_1/chat': { sessionId: 'chs_1', messageId: 'msg_3' },
    });
    fake.render(<ChatPanel incidentId="inc_1" />);
    expect(await screen.findByText(/A deploy at 09:58/)).toBeTruthy();
    fireEvent.change(screen.getByLabelText('Question'), { target: { value: 'Which one?' } });
    fireEvent.click(screen.getByRole('button', { name: 'Send' }));
    await screen.findByRole('button', { name: 'Send' });
    await act(async () => {});
    const post = fake.calls.find((c) => c.method === 'POST');
    expect(post?.query.get('session_id')).toBe('chs_1');
    expect(post?.body).toEqual({ question: 'Which one?', mode: 'ask' });
  });
});
