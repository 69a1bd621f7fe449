// The `mobile` metadata (min plus the mobile ranges): a login number receives SMS codes, and the
// `min` set checks only lengths, so it would take `12345678` or a landline.
import { type CountryCode, parsePhoneNumberFromString } from 'libphonenumber-js/mobile';

/** The mall's home market: a number written without a country code is a mainland China one. */
export const DEFAULT_COUNTRY: CountryCode = 'CN';

/** Longer than any phone number however it is spaced or punctuated. */
const MAX_WRITTEN_LENGTH = 32;
/** Digits and the punctuation people put between them; no letters, so no extensions ("ext 5"). */
const PHONE_CHARACTERS = /^[\d\s+().-]+$/;

/**
 * A phone number in its one stored form, E.164 (`+8613812345678`), however it was written:
 * `13812345678` (WeChat's `purePhoneNumber`), `8613812345678`, `008613812345678`,
 * `+86 138 1234 5678`, `138-1234-5678`, `(+86) 138 1234 5678`, or another country's with its
 * `+` code. Null when it is not a valid mobile number. Logins, codes, binds and the wrong-code
 * limit all key on this form, so one number is one member whatever the spelling.
 */
export const canonicalPhone = (written: string): string | null => {
  if (written.length > MAX_WRITTEN_LENGTH || !PHONE_CHARACTERS.test(written)) return null;
  const parsed = parsePhoneNumberFromString(written, DEFAULT_COUNTRY);
  return parsed?.isValid() ? parsed.number : null;
};

/** Fewer digits than this are too few to mean the start of someone's number. */
const MIN_PREFIX_DIGITS = 3;

/**
 * The start every stored number (E.164) shares with `written`, a whole or partial number typed
 * into a search box: `+86 138 12`, `0086138`, `86138`, `138-12` all give `+8613812`. A local
 * number without a country code is a mainland China mobile one, and those begin with 1 (so a
 * written `86…` is the country code). Null when `written` cannot be the start of a number.
 */
export const phonePrefix = (written: string): string | null => {
  const whole = canonicalPhone(written);
  if (whole !== null) return whole;
  if (written.length > MAX_WRITTEN_LENGTH || !PHONE_CHARACTERS.test(written)) return null;
  const digits = written.replace(/\D/g, '');
  if (digits.length < MIN_PREFIX_DIGITS) return null;
  if (written.includes('+')) return `+${digits}`;
  if (digits.startsWith('00')) return `+${digits.slice(2)}`;
  if (digits.startsWith('86')) return `+${digits}`;
  return digits.startsWith('1') ? `+86${digits}` : null;
};
