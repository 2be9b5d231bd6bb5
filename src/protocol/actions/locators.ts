// The contracts of the locators actions (handlers: src/builtins/locators.ts).
import { contract } from '../contract.js';
import * as params from '../params/locators.js';

export const getbyalttext = contract({
  name: 'getbyalttext',
  summary:
    'Find an element (usually an image) by its alt text (substring unless exact) in the active frame and act on it. Sub-action (default click): click, fill (value), check, hover, or text.',
  params: params.getbyalttext,
  group: 'locators',
});

export const getbylabel = contract({
  name: 'getbylabel',
  summary:
    'Find a form control by its label text (substring unless exact) in the active frame and act on it. Sub-action (default click): click, fill (value), check, hover, or text.',
  params: params.getbylabel,
  group: 'locators',
});

export const getbyplaceholder = contract({
  name: 'getbyplaceholder',
  summary:
    'Find an input by its placeholder (substring unless exact) in the active frame and act on it. Sub-action (default click): click, fill (value), check, hover, or text.',
  params: params.getbyplaceholder,
  group: 'locators',
});

export const getbyrole = contract({
  name: 'getbyrole',
  summary:
    'Find an element by ARIA role and accessible name (substring unless exact) in the active frame and act on it. Sub-action (default click): click, fill (value), check, hover, or text.',
  params: params.getbyrole,
  group: 'locators',
});

export const getbytestid = contract({
  name: 'getbytestid',
  summary:
    'Find an element by its data-testid (exact) in the active frame and act on it. Sub-action (default click): click, fill (value), check, hover, or text.',
  params: params.getbytestid,
  group: 'locators',
});

export const getbytext = contract({
  name: 'getbytext',
  summary:
    'Find an element by its text (substring unless exact) in the active frame and act on it. Sub-action (default click): click, fill (value), check, hover, or text.',
  params: params.getbytext,
  group: 'locators',
});

export const getbytitle = contract({
  name: 'getbytitle',
  summary:
    'Find an element by its title attribute (substring unless exact) in the active frame and act on it. Sub-action (default click): click, fill (value), check, hover, or text.',
  params: params.getbytitle,
  group: 'locators',
});

export const nth = contract({
  name: 'nth',
  summary:
    'Act on the index-th match of a selector or ref (0-based; -1 = last, negative counts from the end). Sub-action (default click): click, fill (value), check, hover, or text.',
  params: params.nth,
  group: 'locators',
});

/** Every action of this area, in declaration order. */
export const CONTRACTS = [getbyalttext, getbylabel, getbyplaceholder, getbyrole, getbytestid, getbytext, getbytitle, nth];
