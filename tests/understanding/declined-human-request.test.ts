import { describe, expect, it } from 'vitest';
import { withoutDeclinedHumanRequest } from '../../understanding/declined-human-request.js';

describe('withoutDeclinedHumanRequest', () => {
  it('drops the clause that declines a human and keeps the question', () => {
    expect(withoutDeclinedHumanRequest('dont need a human agent, just want to reset 2fa')).toBe(
      'just want to reset 2fa',
    );
    expect(withoutDeclinedHumanRequest("I'd rather not talk to a person, just explain how to invite a teammate")).toBe(
      'just explain how to invite a teammate',
    );
  });

  it('leaves a real request for a person, and text with nothing else, as it is', () => {
    expect(withoutDeclinedHumanRequest('I want to talk to a person, how do I export?')).toBe(
      'I want to talk to a person, how do I export?',
    );
    expect(withoutDeclinedHumanRequest("I don't need a person")).toBe("I don't need a person");
    expect(withoutDeclinedHumanRequest('How do I export my projects?')).toBe('How do I export my projects?');
  });
});
