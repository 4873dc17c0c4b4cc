/*
 * Cutplan dashboard: the broadcast banner at the top of the page (the iteration's latest status update: its text,
 * who posted it, when in relative and absolute time, the next update announced, and a hint once that time has
 * passed) and, for pilots and administrators, the form that posts one (POST /iterations/{id}/broadcasts). The
 * banner follows state.latestBroadcast (Dashboard.latestBroadcast: snapshot and delta), so a broadcast posted
 * anywhere appears at the next poll.
 */
(function (C) {
  'use strict';
  var U = C.util, el = U.el;

  var MAX_TEXT = 2000;
  var Broadcast = C.Broadcast = {};
  var doms = new WeakMap();
  var uid = 0;

  /** "just now", "5 min ago", "2 h 5 min ago"; "in 40 min" for the future. */
  Broadcast.relative = function (at, now) {
    var t = U.toDate(at);
    if (!t) return '';
    var minutes = Math.round((now - t.getTime()) / 60000);
    if (minutes === 0) return 'just now';
    return minutes > 0 ? U.fmtDuration(minutes) + ' ago' : 'in ' + U.fmtDuration(-minutes);
  };

  /** Whether the announced next update is due and no newer broadcast came. */
  Broadcast.overdue = function (b, now) {
    var next = b && U.toDate(b.nextUpdateAt);
    return !!next && next.getTime() < now;
  };

  function build(box, actions) {
    var b = { id: 'cp-bc' + (++uid), actions: actions };
    b.kind = el('span', { class: 'cp-broadcast-kind' });
    b.text = el('p', { class: 'cp-broadcast-text', 'data-testid': 'broadcast-text' });
    b.by = el('span', { class: 'cp-broadcast-by' });
    b.at = el('time', { class: 'cp-broadcast-at' });
    b.next = el('span', { class: 'cp-broadcast-next', 'data-testid': 'broadcast-next' });
    b.overdue = el('strong', { class: 'cp-broadcast-overdue', 'data-testid': 'broadcast-overdue', hidden: true });
    b.banner = el('section', { class: 'cp-broadcast', 'data-testid': 'broadcast-banner', 'aria-label': 'Latest status update', hidden: true }, [
      el('div', { class: 'cp-broadcast-head' }, [b.kind]),
      b.text,
      el('p', { class: 'cp-broadcast-meta' }, [b.by, ' \u00B7 ', b.at, ' \u00B7 ', b.next, ' ', b.overdue])]);

    // The pilot's form: a toggle, then text and an optional "next update at" (the browser's local time).
    b.toggle = el('button', { type: 'button', class: 'cp-button cp-button--subtle cp-broadcast-toggle', 'aria-expanded': 'false',
      'aria-controls': b.id + '-form', text: 'Post a status update', 'data-testid': 'broadcast-open',
      on: { click: function () { Broadcast.setOpen(b, b.form.hidden); } } });
    b.input = el('textarea', { class: 'cp-input cp-broadcast-input', id: b.id + '-text', rows: '3', maxlength: String(MAX_TEXT),
      required: true, 'data-testid': 'broadcast-input' });
    b.textErr = el('span', { class: 'cp-field-error', id: b.id + '-text-err', hidden: true });
    b.nextInput = el('input', { type: 'datetime-local', class: 'cp-input cp-input--dt', id: b.id + '-next', 'data-testid': 'broadcast-next-input',
      'aria-describedby': b.id + '-next-help' });
    b.nextHelp = el('span', { class: 'cp-muted', id: b.id + '-next-help', text: 'Optional; in your browser\u2019s time zone.' });
    b.nextErr = el('span', { class: 'cp-field-error', id: b.id + '-next-err', hidden: true });
    b.submit = el('button', { type: 'submit', class: 'cp-button cp-button--primary', text: 'Post to stakeholders', 'data-testid': 'broadcast-submit' });
    b.cancel = el('button', { type: 'button', class: 'cp-button cp-button--subtle', text: 'Cancel', on: { click: function () { Broadcast.setOpen(b, false); b.toggle.focus(); } } });
    b.message = U.messageBox('cp-msg');
    b.form = el('form', { class: 'cp-broadcast-form', id: b.id + '-form', 'data-testid': 'broadcast-form', novalidate: true, hidden: true,
      'aria-label': 'Post a status update', on: { submit: function (e) { e.preventDefault(); Broadcast.post(b, b.state); } } }, [
      el('div', { class: 'cp-field cp-field--wide' }, [el('label', { for: b.input.id, text: 'Status update' }), b.input, b.textErr]),
      el('div', { class: 'cp-field' }, [el('label', { for: b.nextInput.id, text: 'Next update at' }), b.nextInput, b.nextHelp, b.nextErr]),
      el('p', { class: 'cp-muted', text: 'Mailed to the iteration\u2019s stakeholder list and sent to its webhooks; shown at the top of this page.' }),
      el('div', { class: 'cp-form-actions' }, [b.submit, b.cancel])]);
    b.tools = el('div', { class: 'cp-broadcast-tools', hidden: true }, [b.toggle, b.message, b.form]);
    b.root = el('div', { class: 'cp-broadcast-area' }, [b.banner, b.tools]);
    U.replace(box, b.root);
    doms.set(box, b);
    return b;
  }

  Broadcast.setOpen = function (b, open) {
    b.form.hidden = !open;
    b.toggle.setAttribute('aria-expanded', open ? 'true' : 'false');
    if (open) b.input.focus();
  };

  Broadcast.render = function (box, state, actions) {
    var b = doms.get(box) || build(box, actions);
    b.state = state;
    var mayPost = !!(state.caller && state.caller.pilot);
    b.tools.hidden = !mayPost;
    var bc = state.latestBroadcast;
    b.banner.hidden = !bc;
    if (!bc) return;
    var now = U.now();
    U.setText(b.kind, bc.automatic ? 'Hourly summary' : 'Status update');
    U.setText(b.text, bc.text);
    U.setText(b.by, bc.automatic ? 'Posted automatically' : 'Posted by ' + (bc.postedBy || 'unknown'));
    b.at.setAttribute('datetime', bc.postedAt || '');
    U.setText(b.at, Broadcast.relative(bc.postedAt, now) + ' (' + U.fmtDateTime(bc.postedAt) + ')');
    U.setText(b.next, bc.nextUpdateAt ? 'Next update at ' + U.fmtDateTime(bc.nextUpdateAt) : 'No next update announced');
    var late = Broadcast.overdue(bc, now);
    b.overdue.hidden = !late;
    U.setText(b.overdue, late ? '\u26A0 Overdue by ' + U.fmtDuration(Math.round((now - U.toDate(bc.nextUpdateAt).getTime()) / 60000)) : '');
    b.banner.classList.toggle('cp-broadcast--overdue', late);
    b.banner.classList.toggle('cp-broadcast--automatic', !!bc.automatic);
  };

  function fieldError(input, err, help, text) {
    err.hidden = false;
    U.setText(err, text);
    input.setAttribute('aria-invalid', 'true');
    input.setAttribute('aria-describedby', (help ? help.id + ' ' : '') + err.id);
    input.focus();
  }

  function clearErrors(b) {
    [[b.input, b.textErr, null], [b.nextInput, b.nextErr, b.nextHelp]].forEach(function (f) {
      f[1].hidden = true;
      f[0].removeAttribute('aria-invalid');
      if (f[2]) f[0].setAttribute('aria-describedby', f[2].id); else f[0].removeAttribute('aria-describedby');
    });
  }

  Broadcast.post = function (b, state) {
    clearErrors(b);
    var text = b.input.value.trim();
    if (!text) return fieldError(b.input, b.textErr, null, 'Write the update first.');
    var payload = { text: text };
    if (b.nextInput.value) {
      var next = U.fromLocalInput(b.nextInput.value);
      if (!next) return fieldError(b.nextInput, b.nextErr, b.nextHelp, 'Not a date and time.');
      payload.nextUpdateAt = next;
    }
    b.submit.disabled = true;
    return b.actions.postBroadcast(payload).then(function () {
      b.submit.disabled = false;
      b.input.value = '';
      b.nextInput.value = '';
      Broadcast.setOpen(b, false);
      U.say(b.message, 'Status update posted.', 'success');
      b.toggle.focus();
    }, function (err) {
      b.submit.disabled = false;
      if (err.field === 'nextUpdateAt') fieldError(b.nextInput, b.nextErr, b.nextHelp, err.message);
      else if (err.field === 'text') fieldError(b.input, b.textErr, null, err.message);
      U.say(b.message, 'Not posted: ' + err.message, 'error');
    });
  };
})(window.Cutplan = window.Cutplan || {});
