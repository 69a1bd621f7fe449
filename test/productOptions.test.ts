import { describe, expect, it } from 'vitest';
import { combinationsOf, optionsOf, valuesOf } from '../web/backOffice/screens/products/productOptions';

describe('a new product’s options in the back office', () => {
  it('makes one SKU per combination of the values typed, in the order typed', () => {
    const options = optionsOf([
      { name: ' 颜色 ', values: '白, 黑' },
      { name: '容量', values: '350ml，500ml' },
    ]);
    expect(options).toEqual([
      { name: '颜色', values: ['白', '黑'] },
      { name: '容量', values: ['350ml', '500ml'] },
    ]);
    expect(combinationsOf(options)).toEqual([
      ['白', '350ml'],
      ['白', '500ml'],
      ['黑', '350ml'],
      ['黑', '500ml'],
    ]);
  });

  it('makes the one SKU of a product without options, and leaves out an option with no name', () => {
    expect(combinationsOf(optionsOf([{ name: ' ', values: '白' }]))).toEqual([[]]);
  });

  it('takes each value once, whichever comma separates them', () => {
    expect(valuesOf('S、M, S，L,,')).toEqual(['S', 'M', 'L']);
  });
});
