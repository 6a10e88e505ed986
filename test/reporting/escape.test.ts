import { test } from 'node:test';
import assert from 'node:assert/strict';
import { htmlIdToken, htmlText, markdownText, markdownUrl, showInvisible, singleLine } from '../../server/src/reporting/escape';

test('htmlText escapes markup and quotes', () => {
  assert.equal(htmlText(`<img src=x onerror=alert(1)> & "a" 'b'`), '&lt;img src=x onerror=alert(1)&gt; &amp; &quot;a&quot; &#39;b&#39;');
});

test('markdownText keeps text inline and literal', () => {
  assert.equal(markdownText('a|b'), 'a\\|b');
  assert.equal(markdownText('<script>'), '&lt;script&gt;');
  assert.equal(markdownText('`x`'), '\\`x\\`');
  assert.equal(markdownText('[x](https://e.example)'), '\\[x\\](https://e.example)');
  assert.equal(markdownText('![i](u)'), '\\!\\[i\\](u)');
  assert.equal(markdownText('*a* ~~b~~ _c_'), '\\*a\\* \\~\\~b\\~\\~ \\_c\\_');
  assert.equal(markdownText('one\ntwo\r\nthree'), 'one two three');
  assert.equal(markdownText('a\\|b'), 'a\\\\\\|b', 'a backslash cannot un-escape the pipe');
  assert.equal(markdownText('STRIPE_SECRET_KEY'), 'STRIPE_SECRET_KEY', 'intraword underscores stay readable');
  assert.equal(markdownText('&lt;'), '&amp;lt;', 'entities stay literal');
});

test('invisible and line-breaking characters become visible', () => {
  assert.equal(showInvisible('a\u001b[31mb'), 'a\\u{001b}[31mb');
  assert.equal(showInvisible('x\u202Ey'), 'x\\u{202e}y', 'bidi override');
  assert.equal(singleLine('a\nb\tc\u2028d'), 'a b c d');
});

test('URLs and ids are made safe for their slot', () => {
  assert.equal(markdownUrl('https://x.example/a (b)/<c>'), 'https://x.example/a%20%28b%29/%3Cc%3E');
  assert.equal(htmlIdToken('AG1"0 1'), 'AG1-0-1');
});
