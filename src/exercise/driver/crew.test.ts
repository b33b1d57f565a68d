import { describe, expect, it } from 'vitest';
import { completeBlanks } from './crew.js';

describe('completeBlanks', () => {
  const text = 'A [[TO COMPLETE: the ransom demand (amount)]] B [[TO COMPLETE: the indicators we can share]] C [[TO COMPLETE: anything else]]';

  it('fills every blank with one text', () => {
    expect(completeBlanks(text, 'not known yet')).toBe('A not known yet B not known yet C not known yet');
  });

  it('fills blanks by a fragment of their wording, the rest from "*", and leaves the others', () => {
    expect(completeBlanks(text, { 'RANSOM DEMAND': 'none received', indicators: 'annex A' })).toBe('A none received B annex A C [[TO COMPLETE: anything else]]');
    expect(completeBlanks(text, { indicators: 'annex A', '*': 'n/a' })).toBe('A n/a B annex A C n/a');
  });
});
