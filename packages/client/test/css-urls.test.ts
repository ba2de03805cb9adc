import { expect, it } from 'vitest';
import { absolutizeCssUrls } from '../src/apply/css-urls.js';

it('makes relative url() and @import references absolute against the sheet, leaving fragments and data URLs', () => {
  const css = `@import "base.css"; a { background: url(../img/a.png) } b { mask: url('#m') } c { background: url(data:image/png;base64,AA) }`;
  expect(absolutizeCssUrls(css, 'http://app.test/static/css/main.css')).toBe(
    `@import "http://app.test/static/css/base.css"; a { background: url(http://app.test/static/img/a.png) } b { mask: url('#m') } c { background: url(data:image/png;base64,AA) }`,
  );
});
