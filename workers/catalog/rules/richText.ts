/**
 * Product descriptions are operator (or Mini-Shop) HTML shown on every storefront, so what is
 * stored and served keeps only an allow-list of elements and attributes. The parsing is workerd's
 * own HTMLRewriter (lol-html, an HTML5 tokenizer kept by Cloudflare), so no DOM is needed.
 */

/** Elements kept, with the attributes each may carry. */
const ALLOWED: Record<string, readonly string[]> = {
  p: [],
  br: [],
  hr: [],
  h1: [],
  h2: [],
  h3: [],
  h4: [],
  strong: [],
  b: [],
  em: [],
  i: [],
  u: [],
  s: [],
  span: [],
  div: [],
  blockquote: [],
  ul: [],
  ol: [],
  li: [],
  table: [],
  thead: [],
  tbody: [],
  tr: [],
  th: ['colspan', 'rowspan'],
  td: ['colspan', 'rowspan'],
  a: ['href', 'title'],
  img: ['src', 'alt', 'width', 'height'],
};

/**
 * Elements dropped with everything in them: their content is script, style or raw text that would
 * turn into live markup once the element around it is gone.
 */
const DROPPED_WHOLE = new Set([
  'script',
  'style',
  'textarea',
  'title',
  'xmp',
  'iframe',
  'noembed',
  'noframes',
  'noscript',
  'plaintext',
  'template',
  'object',
  'embed',
  'svg',
  'math',
  'select',
  'head',
]);

const URL_ATTRIBUTES = new Set(['href', 'src']);
/**
 * A URL is kept only when its raw text starts with an allowed scheme or a path on this site:
 * browsers decode entities and skip control characters before reading a scheme
 * (`&#106;avascript:`, `java\tscript:`), so anything else is dropped rather than interpreted.
 */
const LINK_URL = /^(https?:\/\/|mailto:|tel:|\/(?!\/)|#)/i;
const IMAGE_URL = /^(https?:\/\/|\/(?!\/))/i;

const NUMBER = /^\d{1,4}$/;

const cleanElement = (element: Element): void => {
  const tag = element.tagName.toLowerCase();
  const allowed = ALLOWED[tag];
  if (!allowed) {
    if (DROPPED_WHOLE.has(tag)) element.remove();
    else element.removeAndKeepContent();
    return;
  }
  for (const [name = '', value = ''] of [...element.attributes]) {
    const keep =
      allowed.includes(name) &&
      (!URL_ATTRIBUTES.has(name) || (tag === 'img' ? IMAGE_URL : LINK_URL).test(value)) &&
      (!['width', 'height', 'colspan', 'rowspan'].includes(name) || NUMBER.test(value));
    if (!keep) element.removeAttribute(name);
  }
  if (tag === 'a' && element.hasAttribute('href')) {
    element.setAttribute('rel', 'nofollow noopener noreferrer');
    element.setAttribute('target', '_blank');
  }
};

/**
 * Text is passed on as written (entities stay entities) except `<` and `>`: once a removed
 * element's tags are gone, a stray `<` beside them could start a new tag.
 */
const cleanText = (text: Text): void => {
  if (/[<>]/.test(text.text)) {
    text.replace(text.text.replace(/</g, '&lt;').replace(/>/g, '&gt;'), { html: true });
  }
};

/** The description as it may be stored and served: allowed elements and attributes only. */
export const sanitizeRichText = async (html: string): Promise<string> => {
  if (html.trim() === '') return '';
  const rewriter = new HTMLRewriter().on('*', { element: cleanElement }).onDocument({
    comments: (comment) => {
      comment.remove();
    },
    text: cleanText,
  });
  return (await rewriter.transform(new Response(html)).text()).trim();
};
