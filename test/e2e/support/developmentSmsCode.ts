/**
 * The development SMS provider's fixed code (README, "Development logins"), for the end-to-end
 * tests: they run in Node, where the Worker's modules (and so its DEVELOPMENT_SMS_CODE) do not
 * type-check. `test/providers.test.ts` checks this is the provider's constant.
 */
export const DEVELOPMENT_SMS_CODE = '246810';
