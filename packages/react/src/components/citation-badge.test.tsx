import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { make } from '../test/fake-aurora.js';
import { CitationsContext, CitedText } from './citation-badge.js';
import { RichText } from './rich-text.js';

afterEach(cleanup);

describe('CitedText', () => {
  it('turns single and grouped citation markers into badges and leaves the rest as text', () => {
    const citations = new Map([
      ['1', make.citation(1)],
      ['3', make.citation(3, { command: 'kubectl describe pod payments-5c6d' })],
    ]);
    const { container } = render(
      <CitationsContext.Provider value={citations}>
        <p>
          <CitedText text="OOMKilled [3, 1], restarts [1]; see [9]." />
        </p>
      </CitationsContext.Provider>,
    );
    expect(screen.getAllByRole('button').map((b) => b.getAttribute('aria-label'))).toEqual([
      'Citation 3: kubectl describe pod payments-5c6d',
      'Citation 1: kubectl get pods -n shop',
      'Citation 1: kubectl get pods -n shop',
    ]);
    expect(container.textContent).toBe('OOMKilled [3][1], restarts [1]; see [9].');
  });

  it('renders chat markdown (bold, italic, code, paragraphs) as elements, never as HTML', () => {
    const { container } = render(
      <RichText
        text={
          '**Root cause** (likely): the pool [1].\n\nRun `kubectl top pods` — _no model configured_. <b>x</b>'
        }
      />,
    );
    const paragraphs = container.querySelectorAll('p');
    expect(paragraphs).toHaveLength(2);
    expect(paragraphs[0]?.querySelector('strong')?.textContent).toBe('Root cause');
    expect(paragraphs[1]?.querySelector('code')?.textContent).toBe('kubectl top pods');
    expect(paragraphs[1]?.querySelector('em')?.textContent).toBe('no model configured');
    expect(container.querySelector('b')).toBeNull();
    expect(paragraphs[1]?.textContent).toContain('<b>x</b>');
  });
});
