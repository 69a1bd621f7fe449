import { describe, expect, it } from 'vitest';
import type { MemberProfile } from '../shared/api/members';
import { admin, adminRead } from './support/hub';
import { bindPhone, freshPhone, freshWechatCode, phoneLogin, wechatLogin } from './support/members';

describe("the back office's member profile", () => {
  it('shows how the member logs in and the account merged into it, also when asked by the merged account', async () => {
    const phone = freshPhone();
    const phoneMember = await phoneLogin(phone, 'h5');
    const wechat = await wechatLogin(freshWechatCode(), 'mini');
    expect((await bindPhone(wechat.token, phone)).status).toBe(200);

    const profile = await adminRead<MemberProfile>(`/api/admin/members/${wechat.memberId}`);
    expect(profile.id).toBe(wechat.memberId);
    expect(profile.identities.map((i) => i.kind).sort()).toEqual(['phone', 'wechat_openid', 'wechat_unionid']);
    expect(profile.identities.find((i) => i.kind === 'phone')?.value).toBe(phone);
    expect(profile.merged.map((m) => m.memberId)).toEqual([phoneMember.memberId]);
    expect(await adminRead<MemberProfile>(`/api/admin/members/${phoneMember.memberId}`)).toEqual(profile);
  });

  it('answers 404 for a member nobody has', async () => {
    expect((await admin('GET', '/api/admin/members/mem_nobody')).status).toBe(404);
  });
});
