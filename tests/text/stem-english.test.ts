import { describe, expect, it } from 'vitest';
import { stemEnglish } from '../../text/stem-english.js';

describe('stemEnglish', () => {
  it('maps the inflections of one word onto one key', () => {
    expect(new Set(['charge', 'charged', 'charges', 'charging'].map(stemEnglish))).toEqual(new Set(['charg']));
    expect(new Set(['cancel', 'cancelled', 'canceling', 'cancels'].map(stemEnglish))).toEqual(new Set(['cancel']));
    expect(stemEnglish('invoices')).toBe(stemEnglish('invoiced'));
    expect(stemEnglish('access')).toBe(stemEnglish('accessing'));
  });

  it('keeps short words and -ss/-us/-is endings', () => {
    expect(stemEnglish('bus')).toBe('bus');
    expect(stemEnglish('status')).toBe('status');
    expect(stemEnglish('analysis')).toBe('analysis');
  });
});
