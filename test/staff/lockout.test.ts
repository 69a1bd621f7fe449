import { describe, expect, it } from 'vitest';
import { moveClock } from '../support/clock';
import { auditEvents, createStaffAccount, staffLogin } from '../support/staff';

const FIFTEEN_MINUTES_S = 15 * 60;

const answerOf = async (response: Response) => ({
  status: response.status,
  code: ((await response.json()) as { error?: { code: string } }).error?.code,
  retryAfter: response.headers.get('Retry-After'),
});

const wrongPasswords = async (login: string, times: number) => {
  const answers = [];
  for (let i = 0; i < times; i += 1) answers.push(await answerOf(await staffLogin(login, `wrong password ${i}`)));
  return answers;
};

describe('the login lockout', () => {
  it('locks the account for 15 minutes after five wrong passwords in a row, even for the right one', async () => {
    const account = await createStaffAccount('operator');
    const answers = await wrongPasswords(account.login, 5);
    expect(answers.slice(0, 4)).toEqual(Array(4).fill({ status: 401, code: 'invalid_credentials', retryAfter: null }));
    expect(answers[4]).toEqual({ status: 423, code: 'login_locked', retryAfter: String(FIFTEEN_MINUTES_S) });

    moveClock(5 * 60_000);
    const right = await staffLogin(account.login, account.password);
    expect(await answerOf(right)).toEqual({
      status: 423,
      code: 'login_locked',
      retryAfter: String(FIFTEEN_MINUTES_S - 5 * 60),
    });
    expect(right.headers.get('Set-Cookie')).toBeNull();
  });

  it('lets the right password in once the lock has run out, and counts wrong ones from zero again', async () => {
    const account = await createStaffAccount('operator');
    await wrongPasswords(account.login, 5);
    moveClock(FIFTEEN_MINUTES_S * 1000 + 1000);
    expect((await staffLogin(account.login, account.password)).status).toBe(200);
    expect((await wrongPasswords(account.login, 4)).map((a) => a.status)).toEqual([401, 401, 401, 401]);
    expect((await staffLogin(account.login, account.password)).status).toBe(200);
  });

  it('needs the five wrong passwords in a row: a right one between starts the count again', async () => {
    const account = await createStaffAccount('finance');
    await wrongPasswords(account.login, 4);
    expect((await staffLogin(account.login, account.password)).status).toBe(200);
    expect((await wrongPasswords(account.login, 4)).map((a) => a.status)).toEqual([401, 401, 401, 401]);
    expect((await staffLogin(account.login, account.password)).status).toBe(200);
  });

  it('leaves the failed logins and the lockout in the audit log', async () => {
    const account = await createStaffAccount('viewer');
    await wrongPasswords(account.login, 5);
    await staffLogin(account.login, account.password);
    const { events } = await auditEvents({ actor: account.login, entity: 'staff' });
    expect(events.map((e) => [e.action, e.status])).toEqual([
      ['login_locked', 423],
      ['login_locked', 423],
      ['login_failed', 401],
      ['login_failed', 401],
      ['login_failed', 401],
      ['login_failed', 401],
    ]);
    expect(events.every((e) => e.actorId === account.id && e.route === '/api/staff/login')).toBe(true);
  });
});
