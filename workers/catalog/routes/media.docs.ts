import { featureRoutes } from '../../edge/apiDescription';
import { IMAGE_TYPES } from '../rules/imageFormat';

const described = featureRoutes('catalog', 'anyone');

/** The media types a picture is stored and served as. */
export const IMAGE_CONTENT = Object.fromEntries(IMAGE_TYPES.map((type) => [type, {}]));

/** How `media.ts` is described in `/api/openapi.json`. */
export const docs = {
  image: described({
    summary: "A product picture's bytes",
    description: 'The id is the hash of the bytes, so an answer may be cached for good.',
    responses: {
      200: { description: 'the picture', content: IMAGE_CONTENT },
      304: 'the caller has it already',
      404: 'no such image',
    },
  }),
};
