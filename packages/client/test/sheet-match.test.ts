import { expect, it } from 'vitest';
import { normalizePublicPath, servesSheet } from '../src/apply/sheet-match.js';

const page = 'http://app.test/todo/index.html';
const source = { hubUrl: 'http://hub.test:8888/dev', publicPath: '/styles/' };

it('matches the hub asset URL of the id, with any query, under the hub path prefix', () => {
  expect(servesSheet('http://hub.test:8888/dev/assets/style/main.css?v=abc', page, 'main.css', source)).toBe(true);
  expect(servesSheet('http://hub.test:8888/dev/assets/style/pages/home%20page.css', page, 'pages/home page.css', source)).toBe(true);
  expect(servesSheet('http://hub.test:8888/assets/style/main.css', page, 'main.css', source)).toBe(false);
  expect(servesSheet('http://hub.test:8888/dev/assets/style/other/main.css', page, 'main.css', source)).toBe(false);
});

it('matches the public path plus the id on the page origin, never a file that only ends the same way', () => {
  expect(servesSheet('/styles/main.css?hothub=1', page, 'main.css', source)).toBe(true);
  expect(servesSheet('/vendor/main.css', page, 'main.css', source)).toBe(false);
  expect(servesSheet('/styles/vendor/main.css', page, 'main.css', source)).toBe(false);
  expect(servesSheet('http://cdn.test/styles/main.css', page, 'main.css', source)).toBe(false);
  expect(servesSheet('/css/main.css', page, 'main.css', { ...source, publicPath: 'css' })).toBe(true);
});

it('lets data-hothub-id name the sheet explicitly, whatever the href', () => {
  expect(servesSheet('/vendor/skin.css', page, 'main.css', source, 'main.css')).toBe(true);
  expect(servesSheet('/styles/main.css', page, 'main.css', source, 'other.css')).toBe(false);
});

it('treats a bad href as no match and normalizes public paths', () => {
  expect(servesSheet('http://[bad', page, 'main.css', source)).toBe(false);
  expect(['/styles/', 'styles', '/css//', '/'].map(normalizePublicPath)).toEqual(['/styles/', '/styles/', '/css/', '/']);
});
