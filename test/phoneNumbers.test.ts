import { describe, expect, it } from 'vitest';
import { canonicalPhone, phonePrefix } from '../workers/members/rules/phoneNumbers';

describe('canonicalPhone', () => {
  it.each([
    '+8613812345678',
    '13812345678',
    '8613812345678',
    '008613812345678',
    '+86 138 1234 5678',
    '138-1234-5678',
    '(+86) 138 1234 5678',
    '86 138 1234 5678',
    ' 138 1234 5678 ',
  ])('reads %j as +8613812345678', (written) => {
    expect(canonicalPhone(written)).toBe('+8613812345678');
  });

  it.each([
    ['+1 415 555 2671', '+14155552671'],
    ['+44 7911 123456', '+447911123456'],
    ['00852 6123 4567', '+85261234567'],
  ])('keeps another country by its + code: %j is %s', (written, canonical) => {
    expect(canonicalPhone(written)).toBe(canonical);
  });

  it.each([
    ['', 'empty'],
    ['call me', 'no digits'],
    ['12345', 'too short for China'],
    ['12345678', 'no mobile range'],
    ['010 1234 5678', 'a landline, which gets no SMS'],
    ['+86138', 'too short after the country code'],
    ['1381234567812345', 'too long'],
    ['+1 415 555 2671 ext 5', 'an extension'],
    ['13812345678x', 'a letter'],
    [`+86${' '.repeat(40)}13812345678`, 'over the length limit'],
  ])('refuses %j (%s)', (written) => {
    expect(canonicalPhone(written)).toBeNull();
  });

  it('gives every spelling of one number the same form, and the form reads as itself', () => {
    const forms = new Set(['+8613837348006', '13837348006', '8613837348006'].map(canonicalPhone));
    expect([...forms]).toEqual(['+8613837348006']);
    expect(canonicalPhone('+8613837348006')).toBe('+8613837348006');
  });
});

describe('phonePrefix', () => {
  it.each([
    ['138 1234', '+861381234'],
    ['138-12', '+8613812'],
    ['+86 138 12', '+8613812'],
    ['(+86) 138', '+86138'],
    ['86138', '+86138'],
    ['0086 138', '+86138'],
    ['+1 415', '+1415'],
    ['138 1234 5678', '+8613812345678'],
  ])('reads the start %j as the stored numbers starting %s', (written, prefix) => {
    expect(phonePrefix(written)).toBe(prefix);
  });

  it.each([
    ['13', 'too few digits to mean a number'],
    ['Emma', 'a name'],
    ['010 1234', 'a landline'],
    ['138x', 'a letter'],
  ])('finds no number in %j (%s)', (written) => {
    expect(phonePrefix(written)).toBeNull();
  });
});
