/*
 * Cutplan dashboard: the "Webhooks" section of the Notifications view (administrators only; the API refuses
 * everyone else). Lists the iteration's own webhooks, adds one (the generated secret is shown once, right after),
 * enables or disables, sends a test, deletes after an in-page confirmation, and lists failed and pending
 * deliveries with a Resend action. Field names as docs/api/openapi.yaml defines Webhook, WebhookList and
 * WebhookDelivery.
 */
(function (C) {
  'use strict';
  var U = C.util, el = U.el;
  var uid = 0;
  var FORMATS = [['generic', 'Generic JSON (signed)'], ['slack', 'Slack incoming webhook'], ['teams', 'Microsoft Teams incoming webhook']];

  /** Builds the section; {@code api} is the page's REST client. Returns {root, load(state)}. */
  function create(api) {
    var w = { id: 'cp-wh' + (++uid), api: api, kinds: [] };
    w.message = U.messageBox('cp-msg');
    w.secretBox = el('div', { class: 'cp-webhook-secret', hidden: true, role: 'status', 'data-testid': 'cp-webhook-secret' });
    w.name = el('input', { type: 'text', class: 'cp-input', id: w.id + '-name', maxlength: '200', autocomplete: 'off' });
    w.url = el('input', { type: 'url', class: 'cp-input', id: w.id + '-url', maxlength: '2000', autocomplete: 'off', spellcheck: 'false',
      placeholder: 'https://hooks.example.com/…', 'aria-describedby': w.id + '-url-help' });
    w.urlHelp = el('span', { class: 'cp-muted', id: w.id + '-url-help', text: 'https only; Cutplan follows no redirect.' });
    w.urlErr = el('span', { class: 'cp-field-error', id: w.id + '-url-err', hidden: true });
    w.format = el('select', { class: 'cp-select', id: w.id + '-format' }, FORMATS.map(function (f) { return el('option', { value: f[0], text: f[1] }); }));
    w.kindsBox = el('fieldset', { class: 'cp-webhook-kinds' }, el('legend', { text: 'Events' }));
    w.kindsErr = el('span', { class: 'cp-field-error', id: w.id + '-kinds-err', hidden: true });
    w.add = el('button', { type: 'submit', class: 'cp-button cp-button--primary', text: 'Add webhook' });
    w.form = el('form', { class: 'cp-settings', novalidate: true, 'data-testid': 'cp-webhook-form',
      on: { submit: function (e) { e.preventDefault(); addWebhook(w); } } }, [
      el('fieldset', null, [el('legend', { text: 'Add a webhook for this iteration' }),
        el('div', { class: 'cp-field' }, [el('label', { for: w.name.id, text: 'Name' }), w.name]),
        el('div', { class: 'cp-field cp-field--wide' }, [el('label', { for: w.url.id, text: 'URL' }), w.url, w.urlHelp, w.urlErr]),
        el('div', { class: 'cp-field' }, [el('label', { for: w.format.id, text: 'Format' }), w.format]),
        w.kindsBox, w.kindsErr,
        el('div', { class: 'cp-form-actions' }, w.add)])]);
    w.confirm = el('div', { class: 'cp-webhook-confirm', hidden: true });
    w.table = el('table', { class: 'cp-table cp-webhooks-table', tabindex: '0', 'aria-label': 'Webhooks of this iteration' });
    w.deliveries = el('table', { class: 'cp-table cp-webhook-deliveries', tabindex: '0', 'aria-label': 'Failed and pending webhook deliveries',
      'data-testid': 'cp-webhook-deliveries' });
    w.root = el('section', { class: 'cp-webhooks', hidden: true, 'data-testid': 'cp-webhooks', 'aria-labelledby': w.id + '-title' }, [
      el('h3', { class: 'cp-section-title', id: w.id + '-title', text: 'Webhooks' }),
      el('p', { class: 'cp-muted', text: 'Failures, holds, go/no-go decisions, gate overrides, the iteration\u2019s start and end, and ' +
        'broadcasts, sent to a chat channel or your own receiver. Deliveries are retried; failed ones can be resent.' }),
      w.message, w.secretBox, w.confirm, w.table, w.form,
      el('h4', { class: 'cp-section-title', text: 'Failed and pending deliveries' }), w.deliveries]);
    return { root: w.root, load: function (state) { return load(w, state); } };
  }

  function load(w, state) {
    w.state = state;
    if (!(state.caller && state.caller.role === 'ADMIN')) { w.root.hidden = true; return Promise.resolve(); }
    return Promise.all([w.api.get('/webhooks?iterationId=' + encodeURIComponent(state.iterationId)),
      w.api.get('/webhook-deliveries?limit=200')]).then(function (r) {
      w.root.hidden = false;
      var list = r[0];
      renderKinds(w, list.eventKinds || []);
      var hooks = list.webhooks || [];
      renderWebhooks(w, hooks);
      var mine = {};
      hooks.forEach(function (h) { mine[h.id] = h; });
      renderDeliveries(w, (r[1].deliveries || []).filter(function (d) { return mine[d.webhookId] && d.status !== 'SENT'; }), mine);
    }, function (err) {
      w.root.hidden = false;
      U.say(w.message, 'The webhooks could not be loaded: ' + err.message, 'error');
    });
  }

  function renderKinds(w, kinds) {
    if (w.kinds.join() === kinds.join()) return;
    w.kinds = kinds;
    w.kindInputs = {};
    U.replace(w.kindsBox, [el('legend', { text: 'Events' })].concat(kinds.map(function (k) {
      var input = el('input', { type: 'checkbox', id: w.id + '-kind-' + k, value: k, checked: true });
      w.kindInputs[k] = input;
      return el('label', { class: 'cp-check', for: input.id }, [input, ' ' + kindLabel(k)]);
    })));
  }

  function kindLabel(k) { return String(k).toLowerCase().replace(/_/g, ' '); }

  function addWebhook(w) {
    w.urlErr.hidden = true; w.url.removeAttribute('aria-invalid'); w.kindsErr.hidden = true;
    var kinds = w.kinds.filter(function (k) { return w.kindInputs[k].checked; });
    w.add.disabled = true;
    w.api.post('/webhooks', { iterationId: w.state.iterationId, name: w.name.value.trim() || null, url: w.url.value.trim(),
      eventKinds: kinds, format: w.format.value, enabled: true }).then(function (created) {
      w.add.disabled = false;
      w.name.value = ''; w.url.value = '';
      showSecret(w, created);
      U.say(w.message, 'Webhook added.', 'success');
      load(w, w.state);
    }, function (err) {
      w.add.disabled = false;
      var url = err.field === 'url' || /url/.test(err.code || '');
      var target = url ? w.urlErr : (err.field === 'eventKinds' ? w.kindsErr : null);
      if (target) {
        target.hidden = false; target.textContent = err.message;
        if (url) { w.url.setAttribute('aria-invalid', 'true'); w.url.setAttribute('aria-describedby', w.urlHelp.id + ' ' + w.urlErr.id); w.url.focus(); }
      }
      U.say(w.message, 'Not added: ' + err.message, 'error');
    });
  }

  /** The secret the server generated (or rotated): shown here once, never again. */
  function showSecret(w, hook) {
    if (!hook || !hook.secret) { w.secretBox.hidden = true; return; }
    var code = el('code', { class: 'cp-secret', 'data-testid': 'cp-webhook-secret-value', text: hook.secret });
    U.replace(w.secretBox, [el('strong', { text: 'Signing secret for ' + (hook.name || hook.url) + ': ' }), code,
      el('p', { class: 'cp-muted', text: 'Copy it into your receiver now: it is not shown again (rotate it to get a new one).' }),
      el('button', { type: 'button', class: 'cp-button cp-button--subtle', text: 'Done', on: { click: function () { w.secretBox.hidden = true; } } })]);
    w.secretBox.hidden = false;
  }

  function act(w, button, call, done) {
    button.disabled = true;
    call().then(function (r) { button.disabled = false; done(r); load(w, w.state); }, function (err) {
      button.disabled = false;
      U.say(w.message, err.message, 'error');
    });
  }

  function renderWebhooks(w, hooks) {
    var head = el('thead', null, el('tr', null, ['Name', 'URL', 'Format', 'Events', 'State', ''].map(function (h) {
      return el('th', { scope: 'col', text: h });
    })));
    var body = el('tbody');
    hooks.forEach(function (h) {
      var label = h.name || h.url;
      var toggle = el('button', { type: 'button', class: 'cp-button', 'data-webhook-toggle': h.id, text: h.enabled ? 'Disable' : 'Enable',
        'aria-label': (h.enabled ? 'Disable ' : 'Enable ') + label });
      toggle.addEventListener('click', function () {
        act(w, toggle, function () { return w.api.put('/webhooks/' + encodeURIComponent(h.id), edit(h, { enabled: !h.enabled })); },
          function () { U.say(w.message, label + (h.enabled ? ' disabled.' : ' enabled.'), 'success'); });
      });
      var test = el('button', { type: 'button', class: 'cp-button', 'data-webhook-test': h.id, text: 'Send test', 'aria-label': 'Send a test to ' + label });
      test.addEventListener('click', function () {
        act(w, test, function () { return w.api.post('/webhooks/' + encodeURIComponent(h.id) + '/test', {}); },
          function () { U.say(w.message, 'Test queued for ' + label + '.', 'success'); });
      });
      var rotate = el('button', { type: 'button', class: 'cp-button cp-button--subtle', 'data-webhook-rotate': h.id, text: 'Rotate secret',
        'aria-label': 'Rotate the secret of ' + label });
      rotate.addEventListener('click', function () {
        act(w, rotate, function () { return w.api.put('/webhooks/' + encodeURIComponent(h.id), edit(h, { rotateSecret: true })); },
          function (r) { showSecret(w, r); });
      });
      var del = el('button', { type: 'button', class: 'cp-button cp-button--subtle', 'data-webhook-delete': h.id, text: 'Delete',
        'aria-label': 'Delete ' + label, on: { click: function () { confirmDelete(w, h, label); } } });
      body.appendChild(el('tr', { 'data-webhook': h.id }, [
        el('td', { text: h.name || '' }), el('td', { class: 'cp-url', text: shownUrl(h.url) }), el('td', { text: h.format || '' }),
        el('td', { text: (h.eventKinds || []).map(kindLabel).join(', ') }),
        el('td', { text: h.enabled ? '\u2714 enabled' : '\u25CB disabled' }),
        el('td', { class: 'cp-actions' }, [toggle, test, rotate, del])]));
    });
    if (!hooks.length) body.appendChild(el('tr', null, el('td', { colspan: '6', class: 'cp-muted', text: 'No webhook for this iteration yet.' })));
    U.replace(w.table, [el('caption', { class: 'cp-visually-hidden', text: 'Webhooks' }), head, body]);
  }

  /** A PUT replaces the editable fields: the webhook as it is, with {@code change} on top. */
  function edit(h, change) {
    var body = { name: h.name, url: h.url, eventKinds: h.eventKinds, format: h.format, enabled: h.enabled };
    Object.keys(change).forEach(function (k) { body[k] = change[k]; });
    return body;
  }

  /**
   * The URL without what often is its secret (a chat webhook's last path segment, a query string): enough to
   * recognise it on a screen others may see.
   */
  function shownUrl(url) {
    var m = /^([a-z]+:\/\/[^/?#]+)([^?#]*)/i.exec(url || '');
    if (!m) return '';
    var path = m[2].split('/');
    if (path.length > 2) path[path.length - 1] = '\u2026';
    return m[1] + path.join('/');
  }

  function confirmDelete(w, h, label) {
    var yes = el('button', { type: 'button', class: 'cp-button cp-button--warning', 'data-confirm': 'webhook-delete', text: 'Delete webhook' });
    var no = el('button', { type: 'button', class: 'cp-button cp-button--subtle', text: 'Cancel', on: { click: function () { w.confirm.hidden = true; } } });
    yes.addEventListener('click', function () {
      act(w, yes, function () { return w.api.del('/webhooks/' + encodeURIComponent(h.id)); }, function () {
        w.confirm.hidden = true;
        U.say(w.message, label + ' deleted.', 'success');
      });
    });
    var text = el('p', { id: w.id + '-del-text', text: 'Delete the webhook to ' + shownUrl(h.url) + '? Deliveries not yet sent are dropped.' });
    U.replace(w.confirm, el('div', { role: 'alertdialog', 'aria-modal': 'false', 'aria-describedby': text.id, 'aria-label': 'Delete webhook' },
      [text, el('div', { class: 'cp-form-actions' }, [yes, no])]));
    w.confirm.hidden = false;
    no.focus();
  }

  function renderDeliveries(w, deliveries, hooks) {
    var head = el('thead', null, el('tr', null, ['Created', 'Webhook', 'Event', 'Status', 'Attempts', 'Last error', ''].map(function (h) {
      return el('th', { scope: 'col', text: h });
    })));
    var body = el('tbody');
    deliveries.forEach(function (d) {
      var action = null;
      if (d.status === 'FAILED') {
        action = el('button', { type: 'button', class: 'cp-button', 'data-webhook-resend': d.id, text: 'Resend' });
        action.addEventListener('click', function () {
          act(w, action, function () { return w.api.post('/webhook-deliveries/' + encodeURIComponent(d.id) + '/resend', {}); },
            function () { U.say(w.message, 'Delivery queued again.', 'success'); });
        });
      }
      var hook = hooks[d.webhookId] || {};
      body.appendChild(el('tr', { class: 'cp-mail--' + String(d.status).toLowerCase(), 'data-delivery': d.id }, [
        el('td', { text: U.fmtDateTime(d.createdAt) }), el('td', { text: hook.name || hook.url || '' }),
        el('td', { text: kindLabel(d.kind) }),
        el('td', { text: (d.status === 'FAILED' ? '\u2716 ' : '\u25CB ') + d.status + (d.status === 'PENDING' && d.nextAttemptAt ? ' (next ' + U.fmtTime(d.nextAttemptAt) + ')' : '') }),
        el('td', { class: 'cp-num', text: (d.attempts || 0) + '/' + (d.maxAttempts || '?') }),
        el('td', { class: 'cp-error-text', text: d.lastError || '' }), el('td', null, action)]));
    });
    if (!deliveries.length) body.appendChild(el('tr', null, el('td', { colspan: '7', class: 'cp-muted', text: 'Nothing failed or waiting.' })));
    U.replace(w.deliveries, [el('caption', { class: 'cp-visually-hidden', text: 'Webhook deliveries' }), head, body]);
  }

  C.renderWebhooks = { create: create };
})(window.Cutplan = window.Cutplan || {});
