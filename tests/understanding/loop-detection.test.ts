import { describe, expect, it } from 'vitest';
import { detectLoop } from '../../understanding/loop-detection.js';

const v = (text: string) => ({ role: 'visitor', text });
const ai = (text: string) => ({ role: 'ai', text });

describe('detectLoop', () => {
  it('is quiet for a normal exchange', () => {
    expect(detectLoop([v('how do I export invoices?'), ai('Go to Billing > Invoices.')])).toEqual({
      looping: false,
      repeats: 0,
    });
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
      expect(detectLoop([v('how to add a user'), ai('Go to settings.'), v(t)]), t).toMatchObject({
        looping: true,
        reason: 'not_helpful',
      });
    }
  });

  it('"still not working" after an answer is a loop; in a first message it only describes the problem', () => {
    const answered = [
      v('How do I connect Slack to Acme Projects?'),
      ai('Go to Settings > Integrations > Slack and click Connect.'),
    ];
    for (const t of [
      "I did exactly that and clicked Reconnect too, still nothing arrives in Slack. It's still not working.",
      'it still does not work',
    ]) {
      expect(detectLoop([...answered, v(t)]), t).toMatchObject({ looping: true, reason: 'not_helpful' });
    }
    expect(detectLoop([v("Our Slack notifications still don't arrive, how do I fix it?")]).looping).toBe(false);
  });

  it('several different questions in a row are not a loop, however many', () => {
    const questions = [
      'How do I change my billing email?',
      'How do I export my projects to CSV?',
      'How can I reset my password?',
      'Where do I find my invoices?',
      'How do I connect Slack?',
      'How do I invite a teammate?',
      'How do I remove a teammate?',
    ];
    const turns = questions.flatMap((q, i) => [v(q), ai(`answer ${i}`)]).slice(0, -1);
    expect(detectLoop(turns)).toEqual({ looping: false, repeats: 0 });
  });

  it('answers that land late, after the next questions (a server past capacity), are not a loop', () => {
    const questions = [
      'How do I change my billing email?',
      'how can I reset my password',
      'Where do I find my invoices?',
      'How do I connect Slack?',
      'how to invite a teammate to my workspace',
    ];
    // Every question was stored before any answer came back, then the answers arrived in a burst.
    const late = [
      ...questions.map(v),
      ...questions.map((_, i) => ai(`answer ${i}`)),
      v('Can I export all my data as CSV?'),
    ];
    expect(detectLoop(late)).toEqual({ looping: false, repeats: 0 });
    // Interleaved halfway: two answered, three still owed.
    const half = [
      v(questions[0]!),
      v(questions[1]!),
      ai('answer 0'),
      v(questions[2]!),
      ai('answer 1'),
      v(questions[3]!),
      v(questions[4]!),
    ];
    expect(detectLoop(half).looping).toBe(false);
  });

  it('an unresolved topic coming back in other words is a loop; a resolved one is a new ask', () => {
    const paraphrase = [
      v('How do I change my billing email?'),
      ai('Settings > Billing.'),
      v('How do I export my projects to CSV?'),
      ai('Export.'),
      v('where can I update the email for billing'),
    ];
    expect(detectLoop(paraphrase)).toMatchObject({ looping: true, reason: 'repeated_question', repeats: 1 });
    const resolved = [
      v('How do I change my billing email?'),
      ai('Settings > Billing.'),
      v('that worked, thanks'),
      ai('Glad to help'),
      v('How do I change my billing email again?'),
    ];
    expect(detectLoop(resolved).looping).toBe(false);
    // The same question sent twice before any answer is not the AI going in circles.
    expect(detectLoop([v('How do I connect Slack?'), v('How do I connect Slack?')]).looping).toBe(false);
  });

  it('starts over after a human agent joined', () => {
    const turns = [
      v('How do I export my invoices as PDF?'),
      ai('Billing.'),
      { role: 'agent', text: 'Hi, I am Sam' },
      v('How do I export my invoices as PDF?'),
    ];
    expect(detectLoop(turns).looping).toBe(false);
  });
});
