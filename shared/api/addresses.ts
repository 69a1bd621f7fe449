import { z } from 'zod';
import type { PostalAddress } from '../checkout';
import { ID_PATTERN } from '../rooms';
import { phone } from './auth';

const place = z.string().trim().min(1).max(50);
const optionalCode = z.string().trim().max(16).nullish();

/**
 * An address's fields exactly as WeChat's address picker (`wx.chooseAddress`) answers them, so a
 * mini-program posts its result unchanged (its `errMsg` is accepted and dropped). They are
 * stored under the same names, the phone in E.164 (`shared/api/auth.ts`).
 */
const addressFields = {
  userName: z.string().trim().min(1).max(50),
  telNumber: phone,
  provinceName: place,
  cityName: place,
  countyName: place,
  streetName: z.string().trim().max(50).nullish(),
  detailInfo: z.string().trim().min(1).max(200),
  postalCode: optionalCode,
  nationalCode: optionalCode,
  errMsg: z.string().max(100).optional(),
};

type WrittenAddress = z.output<z.ZodObject<typeof addressFields>>;

const toPostalAddress = ({
  errMsg: _,
  streetName,
  postalCode,
  nationalCode,
  ...rest
}: WrittenAddress): PostalAddress => ({
  ...rest,
  streetName: streetName || null,
  postalCode: postalCode || null,
  nationalCode: nationalCode || null,
});

/** An address given inline (an order's, instead of one from the book). */
export const postalAddressSchema = z.strictObject(addressFields).transform(toPostalAddress);

/** `POST /api/members/me/addresses`: an address, the default if `isDefault` (the first one always is). */
export const newAddressSchema = z
  .strictObject({ ...addressFields, isDefault: z.boolean().optional() })
  .transform(({ isDefault, ...address }) => ({ address: toPostalAddress(address), isDefault: isDefault ?? false }));

/**
 * `PATCH /api/members/me/addresses/:addressId`: the fields to change (null clears an optional one);
 * `isDefault: true` makes it the default (the book always has one, so it cannot be unset).
 */
export const addressPatchSchema = z
  .strictObject({
    userName: addressFields.userName.optional(),
    telNumber: phone.optional(),
    provinceName: place.optional(),
    cityName: place.optional(),
    countyName: place.optional(),
    streetName: addressFields.streetName,
    detailInfo: addressFields.detailInfo.optional(),
    postalCode: optionalCode,
    nationalCode: optionalCode,
    isDefault: z.literal(true).optional(),
  })
  .transform(({ isDefault, streetName, postalCode, nationalCode, ...fields }) => ({
    patch: {
      ...fields,
      ...(streetName === undefined ? {} : { streetName: streetName || null }),
      ...(postalCode === undefined ? {} : { postalCode: postalCode || null }),
      ...(nationalCode === undefined ? {} : { nationalCode: nationalCode || null }),
    } as Partial<PostalAddress>,
    isDefault: isDefault ?? false,
  }));

export const addressIdParam = z.strictObject({ addressId: z.string().regex(ID_PATTERN, 'not a valid address id') });

export type NewAddress = z.output<typeof newAddressSchema>;
/** An address book entry as a client writes it: `wx.chooseAddress`'s result as it is. */
export type NewAddressRequest = z.input<typeof newAddressSchema>;
export type AddressPatchRequest = z.input<typeof addressPatchSchema>;
export type AddressPatch = z.output<typeof addressPatchSchema>;
