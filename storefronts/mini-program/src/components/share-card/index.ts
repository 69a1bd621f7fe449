import { defineComponent } from '../../wechat';

/**
 * A card for sending the product to a group chat: its picture, title and price, and WeChat's own
 * share button (`open-type="share"` calls the page's `onShareAppMessage`).
 */
defineComponent<{ title: string; price: string; imageUrl: string }, object>({
  properties: {
    title: { type: String, value: '' },
    price: { type: String, value: '' },
    imageUrl: { type: String, value: '' },
  },
});
