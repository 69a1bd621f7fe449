import { featureRoutes } from '../../edge/apiDescription';
import { IMAGE_CONTENT } from './media.docs';

const described = featureRoutes('admin catalog', 'admin');

/** How `adminImages.ts` is described in `/api/openapi.json`. */
export const docs = {
  upload: described({
    summary: 'Upload a product picture',
    description: 'The bytes are the body, their type the Content-Type; an image stored before answers as stored.',
    requestBody: { required: true, content: IMAGE_CONTENT },
    responses: {
      201: 'the stored image: its id and URL',
      400: 'empty, too large, or not the declared type',
      415: 'not one of the picture types',
    },
  }),
};
