import { featureRoutes } from '../../edge/apiDescription';
import { PAYMENT_SIGNATURE_HEADER } from '../providers/notificationSignature';

const described = featureRoutes('payments', 'anyone');

/** How `payments.ts` is described in `/api/openapi.json`. */
export const docs = {
  callback: described({
    summary: "The payment provider's notification that a payment was collected",
    description: `Signed over the raw body in \`${PAYMENT_SIGNATURE_HEADER}\`; checked before anything is read.`,
    parameters: [{ in: 'header', name: PAYMENT_SIGNATURE_HEADER, required: true, schema: { type: 'string' } }],
    responses: {
      200: 'the order paid, or the payment refused with the reason',
      401: 'the signature is missing or wrong',
      404: 'no such payment',
    },
  }),
  completeInDevelopment: described({
    summary: 'Development only: play the shopper paying at the provider',
    description: 'Signs and delivers the notification a provider would send for the whole amount.',
    responses: { 200: 'what the callback answered', 404: 'another provider is configured, or no such payment' },
  }),
};
