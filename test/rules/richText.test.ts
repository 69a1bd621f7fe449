import { describe, expect, it } from 'vitest';
import { sanitizeRichText } from '../../workers/catalog/rules/richText';

describe('product descriptions as stored and served', () => {
  it('keeps the formatting a description is written with', async () => {
    const html =
      '<h2>规格</h2><p>纯棉 <strong>100%</strong>, <em>soft</em> &amp; light</p><ul><li>S</li><li>M</li></ul>' +
      '<img src="https://cdn.example.com/a.jpg" alt="front" width="750"><table><tr><td colspan="2">尺码</td></tr></table>';
    expect(await sanitizeRichText(html)).toBe(html);
  });

  it.each([
    ['a script', '<p>hi</p><script>alert(1)</script>', '<p>hi</p>'],
    ['a style sheet', '<style>body{display:none}</style><p>x</p>', '<p>x</p>'],
    ['event handlers', '<img src="https://x.test/a.png" onerror="alert(1)">', '<img src="https://x.test/a.png">'],
    ['a javascript: link', '<a href="javascript:alert(1)">x</a>', '<a>x</a>'],
    ['an entity-encoded javascript: link', '<a href="&#106;avascript:alert(1)">x</a>', '<a>x</a>'],
    ['a javascript: link with a tab in it', '<a href="java\tscript:alert(1)">x</a>', '<a>x</a>'],
    ['a data: image', '<img src="data:text/html,<script>alert(1)</script>">', '<img>'],
    ['an iframe and what is in it', '<iframe src="https://evil.test"><p>x</p></iframe>ok', 'ok'],
    ['markup hidden in a textarea', '<textarea><img src=x onerror=alert(1)></textarea>ok', 'ok'],
    ['an svg', '<svg><script>alert(1)</script></svg>ok', 'ok'],
    ['comments', '<p>a<!-- secret --></p>', '<p>a</p>'],
    ['inline styles and classes', '<p style="position:fixed" class="x" id="y">a</p>', '<p>a</p>'],
  ])('removes %s', async (_, html, clean) => {
    expect(await sanitizeRichText(html)).toBe(clean);
  });

  it('keeps the text of unknown elements, without the elements', async () => {
    expect(await sanitizeRichText('<font color="red"><b>sale</b></font>')).toBe('<b>sale</b>');
  });

  it('cannot be tricked into making a tag out of the pieces around a removed one', async () => {
    const clean = await sanitizeRichText('<<font>script>alert(1)<</font>/script>');
    expect(clean).not.toContain('<script');
    expect(clean).toBe('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('opens links in a new tab without handing the page over', async () => {
    expect(await sanitizeRichText('<a href="https://shop.test/p">more</a>')).toBe(
      '<a href="https://shop.test/p" rel="nofollow noopener noreferrer" target="_blank">more</a>',
    );
  });
});
