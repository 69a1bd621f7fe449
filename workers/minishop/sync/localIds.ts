/**
 * Local ids of what a Mini-Shop brings, derived from the shop's appid and the Mini-Shop's own id:
 * importing the same thing again, after a crash or in a later run, lands on the same record.
 */
export const localProductId = (appid: string, sourceProductId: string) => `prd_${appid}_${sourceProductId}`;
export const localSkuId = (appid: string, sourceSkuId: string) => `sku_${appid}_${sourceSkuId}`;
export const localOrderId = (appid: string, sourceOrderId: string) => `ord_${appid}_${sourceOrderId}`;
export const localTemplateId = (appid: string, sourceTemplateId: string) => `frt_${appid}_${sourceTemplateId}`;
