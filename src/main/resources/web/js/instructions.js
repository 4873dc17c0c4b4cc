/*
 * Cutplan dashboard: instruction text (step and task descriptions) as DOM nodes. Runbooks imported from
 * spreadsheets carry multi-line instructions of several thousand characters with links to wikis and consoles;
 * executors must see them as written. The rules, and nothing more:
 *   - the text is put in as text nodes (line breaks kept by CSS white-space: pre-wrap), so `<b>`, `&amp;`,
 *     Markdown or a `javascript:` URL stay exactly as typed;
 *   - `http://` and `https://` URLs become links (opening in a new tab, no referrer); trailing punctuation and an
 *     unbalanced closing bracket stay outside the link;
 *   - text longer than the fold limit shows its beginning and a "more" button that reveals the rest in place.
 * A pure function of its input: no network, no state; the panel and the plan editor's preview both use it.
 */
(function (C) {
  'use strict';
  var U = C.util, el = U.el;

  var Instructions = C.Instructions = {};

  /** Characters (and lines) shown before a long text folds. */
  Instructions.FOLD_CHARS = 600;
  Instructions.FOLD_LINES = 8;

  // A URL starts at a word boundary with http:// or https:// and runs to the next white space or quote-like
  // character; what ends it is trimmed afterwards (see trimUrl).
  var URL_RE = /(^|[^A-Za-z0-9+.\-])(https?:\/\/[^\s<>"'`\u00A0\u2028\u2029]+)/gi;
  var TRAILING = /[.,;:!?'"\u2019\u201D]$/;
  var PAIRS = { ')': '(', ']': '[', '}': '{' };

  /** Drops trailing punctuation and closing brackets that have no opening partner inside the URL. */
  function trimUrl(url) {
    for (;;) {
      var last = url.charAt(url.length - 1);
      if (TRAILING.test(last)) { url = url.slice(0, -1); continue; }
      var open = PAIRS[last];
      if (open && count(url, open) < count(url, last)) { url = url.slice(0, -1); continue; }
      return url;
    }
  }

  function count(s, ch) {
    var n = 0;
    for (var i = 0; i < s.length; i++) if (s.charAt(i) === ch) n++;
    return n;
  }

  /** Only an absolute http(s) URL with a host is a link; anything the URL parser rejects stays text. */
  function safeHref(url) {
    try {
      var u = new URL(url);
      return (u.protocol === 'http:' || u.protocol === 'https:') && u.hostname ? u.href : null;
    } catch (e) {
      return null;
    }
  }

  /**
   * Splits a text into tokens: {text} and {link, href}. Concatenating every token's text gives the input back
   * (with line ends normalised to \n), which the tests rely on: nothing is lost or added.
   */
  Instructions.tokens = function (text) {
    text = text === null || text === undefined ? '' : String(text).replace(/\r\n?/g, '\n');
    var out = [], last = 0, m;
    URL_RE.lastIndex = 0;
    while ((m = URL_RE.exec(text)) !== null) {
      var start = m.index + m[1].length;
      var url = trimUrl(m[2]);
      var href = safeHref(url);
      if (!href) continue;
      if (start > last) out.push({ text: text.slice(last, start) });
      out.push({ text: url, link: true, href: href });
      last = start + url.length;
      URL_RE.lastIndex = last;
    }
    if (last < text.length) out.push({ text: text.slice(last) });
    return out;
  };

  function node(token) {
    if (!token.link) return document.createTextNode(token.text);
    return el('a', { href: token.href, class: 'cp-instructions-link', target: '_blank', rel: 'noopener noreferrer', text: token.text });
  }

  /**
   * Where a long text folds: the index of the first hidden character, or -1 when it all fits. Cuts at a line
   * end or a space before the limit when there is one, so words are not broken.
   */
  Instructions.foldIndex = function (text, maxChars, maxLines) {
    maxChars = maxChars || Instructions.FOLD_CHARS;
    maxLines = maxLines || Instructions.FOLD_LINES;
    var limit = Math.min(text.length, maxChars);
    var lines = 0;
    for (var i = 0; i < limit; i++) {
      if (text.charAt(i) === '\n' && ++lines >= maxLines) { limit = i; break; }
    }
    // Within a little slack over the limit, showing everything beats hiding a few words.
    if (limit >= text.length || (limit === maxChars && text.length <= maxChars + 40 && lines < maxLines)) return -1;
    var cut = Math.max(text.lastIndexOf('\n', limit), text.lastIndexOf(' ', limit));
    return cut > limit / 2 ? cut : limit;
  };

  /**
   * The DOM for an instruction text: a <div class="cp-instructions"> of text nodes and links, folded with a
   * "more" button when long. options: {label: what the text is, for the button's accessible name; foldChars,
   * foldLines}. An empty text gives null.
   */
  Instructions.render = function (text, options) {
    options = options || {};
    var tokens = Instructions.tokens(text);
    var full = tokens.map(function (t) { return t.text; }).join('');
    if (!full.trim()) return null;
    var root = el('div', { class: 'cp-instructions' });
    var cut = Instructions.foldIndex(full, options.foldChars, options.foldLines);
    if (cut < 0) {
      tokens.forEach(function (t) { root.appendChild(node(t)); });
      return root;
    }
    var shown = el('span', { class: 'cp-instructions-shown' });
    var rest = el('span', { class: 'cp-instructions-rest', hidden: true });
    var pos = 0;
    tokens.forEach(function (t) {
      var end = pos + t.text.length;
      if (end <= cut || (t.link && pos < cut)) shown.appendChild(node(t));
      else if (pos >= cut) rest.appendChild(node(t));
      else {
        // A text token across the fold: its head is shown, its tail hidden (a link is never split).
        shown.appendChild(document.createTextNode(t.text.slice(0, cut - pos)));
        rest.appendChild(document.createTextNode(t.text.slice(cut - pos)));
      }
      pos = end;
    });
    var ellipsis = el('span', { class: 'cp-instructions-ellipsis', 'aria-hidden': 'true', text: '\u2026 ' });
    var hiddenChars = full.length - cut;
    var button = el('button', { type: 'button', class: 'cp-link-button cp-instructions-more', 'aria-expanded': 'false',
      'aria-label': 'Show all of ' + (options.label || 'the instructions') + ' (' + U.fmtNumber(hiddenChars) + ' more characters)',
      text: 'more' });
    button.addEventListener('click', function () {
      var open = rest.hidden;
      rest.hidden = !open;
      ellipsis.hidden = open;
      button.textContent = open ? 'less' : 'more';
      button.setAttribute('aria-expanded', open ? 'true' : 'false');
      button.setAttribute('aria-label', (open ? 'Fold ' : 'Show all of ') + (options.label || 'the instructions') +
        (open ? '' : ' (' + U.fmtNumber(hiddenChars) + ' more characters)'));
    });
    U.append(root, [shown, ellipsis, rest, button]);
    root.classList.add('cp-instructions--folded');
    return root;
  };
})(window.Cutplan = window.Cutplan || {});
