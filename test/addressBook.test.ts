import { describe, expect, it } from 'vitest';
import { accountClient } from './support/account';
import {
  addAddress,
  addedAddress,
  addressesPath,
  chosenAddress,
  defaultsOf,
  listedAddresses,
  roomAddresses,
} from './support/checkout';
import { moveClock } from './support/clock';
import {
  bindPhone,
  freshPhone,
  freshWechatCode,
  guestLogin,
  phoneLogin,
  shopper,
  wechatLogin,
} from './support/members';

const addressOf = (addressId: string) => `${addressesPath}/${addressId}`;

describe('the address book', () => {
  it('saves what the mini-program address picker returns, unchanged, with the phone in its one stored form', async () => {
    const member = await phoneLogin(freshPhone(), 'mini');
    const saved = await addedAddress(member.token, chosenAddress());
    expect(saved).toEqual({
      id: expect.any(String),
      userName: '张三',
      telNumber: '+8613812345678',
      provinceName: '浙江省',
      cityName: '杭州市',
      countyName: '西湖区',
      streetName: null,
      detailInfo: '文三路 90 号 3 楼',
      postalCode: '310000',
      nationalCode: '330106',
      isDefault: true,
      createdAt: expect.any(Number),
      updatedAt: expect.any(Number),
    });
    expect(await listedAddresses(member.token)).toEqual([saved]);
  });

  it('shows an address added on the mini-program live in the account room open on H5', async () => {
    const phone = freshPhone();
    const onMini = await phoneLogin(phone, 'mini');
    const onH5 = await phoneLogin(phone, 'h5');
    const room = await accountClient(onH5, 'h5');
    const saved = await addedAddress(onMini.token);
    await room.until(() => roomAddresses(room)[saved.id] !== undefined, 'the address on H5');
    expect(roomAddresses(room)[saved.id]).toEqual(saved);
    const edited = await shopper('PATCH', addressOf(saved.id), { detailInfo: '文二路 8 号' }, onMini.token);
    expect(edited.status).toBe(200);
    await room.until(() => roomAddresses(room)[saved.id]?.detailInfo === '文二路 8 号', 'the edit on H5');
    expect((await shopper('DELETE', addressOf(saved.id), undefined, onMini.token)).status).toBe(204);
    await room.until(() => Object.keys(roomAddresses(room)).length === 0, 'the deletion on H5');
    room.close();
  });

  it('keeps exactly one default: the first address, the one marked, and after deleting it the most recent', async () => {
    const member = await phoneLogin(freshPhone(), 'h5');
    const first = await addedAddress(member.token);
    moveClock(1_000);
    const second = await addedAddress(member.token, chosenAddress({ userName: '李四' }));
    moveClock(1_000);
    const third = await addedAddress(member.token, { ...chosenAddress({ userName: '王五' }), isDefault: true });
    moveClock(1_000);
    const fourth = await addedAddress(member.token, chosenAddress({ userName: '赵六' }));
    expect(first.isDefault).toBe(true);
    expect(second.isDefault).toBe(false);
    expect(defaultsOf(await listedAddresses(member.token))).toEqual([third.id]);

    const made = await shopper('POST', `${addressesPath}/${second.id}/default`, undefined, member.token);
    expect(await made.json()).toMatchObject({ id: second.id, isDefault: true });
    expect(defaultsOf(await listedAddresses(member.token))).toEqual([second.id]);

    expect((await shopper('DELETE', `${addressesPath}/${second.id}`, undefined, member.token)).status).toBe(204);
    const left = await listedAddresses(member.token);
    expect(defaultsOf(left)).toEqual([fourth.id]);
    expect(left.map((a) => a.id).sort()).toEqual([first.id, third.id, fourth.id].sort());
  });

  it('makes an edited address the default when asked, and edits only the fields given', async () => {
    const member = await phoneLogin(freshPhone(), 'app');
    const first = await addedAddress(member.token);
    const second = await addedAddress(member.token, chosenAddress({ userName: '李四', postalCode: '100000' }));
    const response = await shopper(
      'PATCH',
      `${addressesPath}/${second.id}`,
      { telNumber: '+86 139 0000 1111', postalCode: null, isDefault: true },
      member.token,
    );
    expect(await response.json()).toEqual({
      ...second,
      telNumber: '+8613900001111',
      postalCode: null,
      isDefault: true,
      updatedAt: expect.any(Number),
    });
    expect(defaultsOf(await listedAddresses(member.token))).toEqual([second.id]);
    expect((await listedAddresses(member.token)).find((a) => a.id === first.id)).toEqual({
      ...first,
      isDefault: false,
    });
  });

  it('holds at most 20 addresses: the 21st is refused with 409', async () => {
    const member = await phoneLogin(freshPhone(), 'pc');
    for (let i = 0; i < 20; i++) await addedAddress(member.token, chosenAddress({ userName: `收件人${i}` }));
    const refused = await addAddress(member.token, chosenAddress());
    expect(refused.status).toBe(409);
    expect(await refused.json()).toMatchObject({ error: { code: 'address_book_full' } });
    expect(await listedAddresses(member.token)).toHaveLength(20);
  });

  it('joins the books of two accounts merged by a phone bind, the survivor’s default staying the one default', async () => {
    const phone = freshPhone();
    const byPhone = await phoneLogin(phone, 'h5');
    const absorbedEntries = [
      await addedAddress(byPhone.token),
      await addedAddress(byPhone.token, chosenAddress({ userName: '李四' })),
    ];
    const byWechat = await wechatLogin(freshWechatCode(), 'mini');
    const kept = await addedAddress(byWechat.token, chosenAddress({ userName: '王五' }));
    expect((await bindPhone(byWechat.token, phone)).status).toBe(200);
    const book = await listedAddresses(byWechat.token);
    expect(book.map((a) => a.id).sort()).toEqual([kept.id, ...absorbedEntries.map((a) => a.id)].sort());
    expect(defaultsOf(book)).toEqual([kept.id]);
  });

  it('lets a guest keep an address book for checking out', async () => {
    const guest = await guestLogin('h5');
    const saved = await addedAddress(guest.token);
    expect(await listedAddresses(guest.token)).toEqual([saved]);
  });

  it.each([
    { field: 'telNumber', body: { ...chosenAddress(), telNumber: '12345' } },
    { field: 'userName', body: { ...chosenAddress(), userName: '' } },
    { field: 'provinceName', body: { ...chosenAddress(), provinceName: undefined } },
    { field: 'detailInfo', body: { ...chosenAddress(), detailInfo: 'x'.repeat(201) } },
    { field: 'isDefault', body: { ...chosenAddress(), isDefault: 'yes' } },
    { field: 'recipient', body: { ...chosenAddress(), recipient: '张三' } },
  ])(
    'refuses an address with a bad or unknown $field with 400 naming it, and stores nothing',
    async ({ body, field }) => {
      const member = await phoneLogin(freshPhone(), 'h5');
      const response = await addAddress(member.token, body);
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ error: { code: 'invalid_input', field } });
      expect(await listedAddresses(member.token)).toEqual([]);
    },
  );

  it('answers 404 naming the address for an id not in the book, another member’s included', async () => {
    const owner = await phoneLogin(freshPhone(), 'h5');
    const other = await phoneLogin(freshPhone(), 'h5');
    const theirs = await addedAddress(owner.token);
    for (const [method, path, body] of [
      ['PATCH', `${addressesPath}/${theirs.id}`, { userName: '改名' }],
      ['DELETE', `${addressesPath}/${theirs.id}`, undefined],
      ['POST', `${addressesPath}/${theirs.id}/default`, undefined],
      ['PATCH', `${addressesPath}/adr_unknown`, { userName: '改名' }],
    ] as const) {
      const response = await shopper(method, path, body, other.token);
      expect({ method, path, status: response.status }).toEqual({ method, path, status: 404 });
      expect(await response.json()).toMatchObject({ error: { code: 'not_found', field: 'addressId' } });
    }
    expect(await listedAddresses(owner.token)).toEqual([theirs]);
  });
});
