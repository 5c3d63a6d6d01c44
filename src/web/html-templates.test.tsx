import { describe, expect, it } from 'vitest';
import { renderToString } from 'preact-render-to-string';
import { HtmlTemplates, slot } from './html-templates.js';
import { escapeHtml } from './escape-html.js';
import { Layout } from './layout.js';
import { messagesFor } from './i18n.js';
import type { PageContext } from './page-context.js';

describe('HtmlTemplates', () => {
  it('renders a key once and fills its slots, escaped, on every use', () => {
    const templates = new HtmlTemplates();
    let made = 0;
    const make = () => {
      made++;
      return <p title={slot('who')}>Hello {slot('who')}</p>;
    };
    expect(templates.render('k', make, { who: 'Ana' })).toBe('<p title="Ana">Hello Ana</p>');
    expect(templates.render('k', make, { who: '<b>"Luc" & Co</b>' })).toBe('<p title="&lt;b&gt;&quot;Luc&quot; &amp; Co&lt;/b&gt;">Hello &lt;b&gt;&quot;Luc&quot; &amp; Co&lt;/b&gt;</p>');
    expect(made).toBe(1);
  });

  it('fills in one pass: a value that looks like a slot stays that text', () => {
    const templates = new HtmlTemplates();
    const html = templates.render('k', () => <p>{slot('a')}/{slot('b')}</p>, { a: slot('b'), b: 'B' });
    expect(html).toBe(`<p>${slot('b')}/B</p>`);
  });

  it('keeps at most its limit of keys, the oldest out first', () => {
    const templates = new HtmlTemplates(2);
    let made = 0;
    const make = () => {
      made++;
      return <p>x</p>;
    };
    for (const key of ['a', 'b', 'c', 'a']) templates.render(key, make, {});
    expect(made).toBe(4);
    templates.render('c', make, {});
    expect(made).toBe(4);
  });

  it('escapes the five HTML characters', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });
});

describe('Layout from its templates', () => {
  const ctx = (name: string, token: string, roles: string[] = []): PageContext => ({ language: 'en', t: messagesFor('en'), csrfToken: token, path: '/home', user: { displayName: name, roles } });

  it('gives every reader their own name, form token and title, escaped', () => {
    const ana = renderToString(<Layout ctx={ctx('Ana <Lopez>', 'token-of-ana')} title={'News & "more"'}><p>main</p></Layout>);
    const luc = renderToString(<Layout ctx={ctx('Luc Roy', 'token-of-luc')} title="Home"><p>main</p></Layout>);
    expect(ana).toContain('<title>News &amp; &quot;more&quot; · Portico</title>');
    expect(ana).toContain('Signed in as Ana &lt;Lopez&gt;');
    expect(ana).toContain('value="token-of-ana"');
    expect(luc).toContain('Signed in as Luc Roy');
    expect(luc).toContain('value="token-of-luc"');
    expect(luc).not.toContain('Ana');
    expect(luc).not.toContain('href="/admin"');
    expect(renderToString(<Layout ctx={ctx('Agent', 't', ['helpdesk'])} title="Home"><p>main</p></Layout>)).toContain('href="/admin"');
  });
});
