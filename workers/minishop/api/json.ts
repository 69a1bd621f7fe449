import { isInteger, isSafeNumber, parse, stringify } from 'lossless-json';

/**
 * The Mini-Shop API writes ids as bare JSON numbers that can exceed 2^53. Integers that do not
 * fit a double become bigints instead of silently losing digits; everything else is a number.
 */
const wireNumber = (text: string): number | bigint =>
  isInteger(text) && !isSafeNumber(text) ? BigInt(text) : Number(text);

/** Parses a Mini-Shop JSON body without losing large ids; throws a SyntaxError on bad JSON. */
export const parseWireJson = (text: string): unknown => parse(text, null, wireNumber);

/** Serializes a Mini-Shop JSON body; bigints are written as bare numbers, as the real API does. */
export const stringifyWireJson = (value: unknown): string => stringify(value) ?? 'null';
