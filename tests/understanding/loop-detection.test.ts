import { describe, expect, it } from 'vitest';
import { detectLoop } from '../../server/understanding/loop-detection.js';

const v = (text: string) => ({ role: 'visitor', text });
const ai = (text: string) => ({ role: 'ai', text });

describe('detectLoop', () => {
  it('is quiet for a normal exchange', () => {
    expect(detectLoop([v('how do I export invoices?'), ai('Go to Billing > Invoices.')])).toEqual({ looping: false, repeats: 0 });
    expect(detectLoop([]).looping).toBe(false);
  });

  it('detects a repeated question', () => {
    const r = detectLoop([
      v('How do I export my invoices as PDF?'),
      ai('You can find invoices under Billing.'),
      v('but how do I export the invoices as pdf'),
    ]);
    expect(r).toMatchObject({ looping: true, reason: 'repeated_question' });
    expect(r.repeats).toBeGreaterThanOrEqual(1);
  });

  it('does not count short acknowledgements as repeats', () => {
    expect(detectLoop([v('ok'), ai('Anything else?'), v('ok')]).looping).toBe(false);
  });

  it('detects "that did not help"', () => {
    for (const t of ["that didn't help", 'This is not what I asked', 'you already said that']) {
      expect(detectLoop([v('how to add a user'), ai('Go to settings.'), v(t)]), t).toMatchObject({ looping: true, reason: 'not_helpful' });
    }
  });

  it('detects many AI answers without resolution, and resets on "that worked"', () => {
    const turns = [v('a'), ai('1'), v('b'), ai('2'), v('c'), ai('3'), v('d'), ai('4')];
    expect(detectLoop(turns)).toMatchObject({ looping: true, reason: 'too_many_ai_answers' });
    expect(detectLoop(turns, { maxAiAnswers: 5 }).looping).toBe(false);
    const resolved = [v('a'), ai('1'), v('b'), ai('2'), v('that worked, thanks'), ai('3'), v('new question'), ai('4')];
    expect(detectLoop(resolved).looping).toBe(false);
  });

  it('starts over after a human agent joined', () => {
    const turns = [v('How do I export my invoices as PDF?'), ai('Billing.'), { role: 'agent', text: 'Hi, I am Sam' }, v('How do I export my invoices as PDF?')];
    expect(detectLoop(turns).looping).toBe(false);
  });
});
