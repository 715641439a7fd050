import { describe, expect, it } from 'vitest';
import { missingKeys } from './index';

describe('message catalogue', () => {
  it('has every key in English and Chinese', () => {
    expect(missingKeys()).toEqual({ en: [], zh: [] });
  });
});
