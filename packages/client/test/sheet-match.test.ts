import { expect, it } from 'vitest';
import { folderPath, matchSheet } from '../src/apply/sheet-match.js';

const page = 'http://app.test/todo/index.html';
const source = { hubUrl: 'http://hub.test:8888/dev', publicPath: '/styles/' };

it('matches the hub asset URL of the id, with any query, under the hub path prefix', () => {
  expect(matchSheet('http://hub.test:8888/dev/assets/style/main.css?v=abc', page, 'main.css', source)).toBe('hub');
  expect(matchSheet('http://hub.test:8888/dev/assets/style/pages/home%20page.css', page, 'pages/home page.css', source)).toBe('hub');
  expect(matchSheet('http://hub.test:8888/assets/style/main.css', page, 'main.css', source)).toBeUndefined();
  expect(matchSheet('http://hub.test:8888/dev/assets/style/other/main.css', page, 'main.css', source)).toBeUndefined();
});

it('matches the public path plus the id on the page origin, never a file that only ends the same way', () => {
  expect(matchSheet('/styles/main.css?hothub=1', page, 'main.css', source)).toBe('app');
  expect(matchSheet('/vendor/main.css', page, 'main.css', source)).toBeUndefined();
  expect(matchSheet('/styles/vendor/main.css', page, 'main.css', source)).toBeUndefined();
  expect(matchSheet('http://cdn.test/styles/main.css', page, 'main.css', source)).toBeUndefined();
  expect(matchSheet('/css/main.css', page, 'main.css', { ...source, publicPath: '/css' })).toBe('app');
});

it('lets data-hothub-id name the sheet explicitly, whatever the href', () => {
  expect(matchSheet('/vendor/skin.css', page, 'main.css', source, 'main.css')).toBe('app');
  expect(matchSheet('/styles/main.css', page, 'main.css', source, 'other.css')).toBeUndefined();
});

it('treats a bad href as no match and normalizes public paths', () => {
  expect(matchSheet('http://[bad', page, 'main.css', source)).toBeUndefined();
  expect(['/styles/', '/css', '/css//', '/'].map(folderPath)).toEqual(['/styles/', '/css/', '/css/', '/']);
});
