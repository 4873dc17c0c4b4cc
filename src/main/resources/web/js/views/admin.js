/*
 * Cutplan dashboard view "admin" (Notifications, pilots and admins): the iteration's notification settings (on,
 * off, or test mode to one address; comment mails; the time zone its emails show times in) and the outbox: failed and pending messages with their last
 * error, and a resend action for failed ones. Loaded each time the view is shown.
 * "Teams and Confluence groups" (administrators, on a host with groups: GET /me says hostGroups): every team with
 * the group its membership follows; link a team to a group or unlink it (PUT /teams/{id} with hostGroup), so the
 * link is made in the page, not only through the API. A linked team's members are edited in the group.
 * "Webhooks" (administrators): the section render-webhooks.js builds.
 */
(function (C) {
  'use strict';
  var U = C.util, el = U.el;

  var Admin = {};
  var doms = new WeakMap();
  var uid = 0;
  var MODES = [['ON', 'On', 'Owner teams, impacted teams and pilots are emailed.'],
    ['OFF', 'Off', 'No email is sent for this iteration.'],
    ['TEST', 'Test', 'Every message goes to one test address (rehearsals must not wake a whole bank).']];

  function build(container, state, actions) {
    var a = { id: 'cp-adm' + (++uid), actions: actions };
    a.message = U.messageBox('cp-msg');
    a.transport = el('p', { class: 'cp-transport' });
    // Settings
    a.modeInputs = {};
    var modes = el('div', { class: 'cp-radios', role: 'radiogroup', 'aria-label': 'Notification mode' });
    MODES.forEach(function (m) {
      var id = a.id + '-mode-' + m[0];
      var r = el('input', { type: 'radio', name: a.id + '-mode', value: m[0], id: id, on: { change: function () { Admin.syncMode(a); } } });
      a.modeInputs[m[0]] = r;
      modes.appendChild(el('label', { class: 'cp-radio', for: id }, [r, el('strong', { text: ' ' + m[1] }), el('span', { class: 'cp-muted', text: ' \u2013 ' + m[2] })]));
    });
    a.testAddress = el('input', { type: 'email', class: 'cp-input', id: a.id + '-test-address', maxlength: '254', autocomplete: 'off' });
    a.testErr = el('span', { class: 'cp-field-error', id: a.id + '-test-err', hidden: true });
    a.notifyComments = el('input', { type: 'checkbox', id: a.id + '-notify-comments' });
    // The zone the iteration's e-mails show their times in (an IANA id); empty: the host's zone.
    a.zoneList = el('datalist', { id: a.id + '-zones' }, zoneOptions());
    a.timeZone = el('input', { type: 'text', class: 'cp-input', id: a.id + '-time-zone', maxlength: '64', autocomplete: 'off',
      spellcheck: 'false', list: a.zoneList.id, placeholder: 'e.g. Europe/Zurich', 'aria-describedby': a.id + '-tz-help', 'data-testid': 'cp-time-zone' });
    a.zoneHelp = el('span', { class: 'cp-muted', id: a.id + '-tz-help', text: 'Leave empty for the host\u2019s zone.' });
    a.zoneErr = el('span', { class: 'cp-field-error', id: a.id + '-tz-err', hidden: true });
    a.saveSettings = el('button', { type: 'submit', class: 'cp-button cp-button--primary', text: 'Save settings' });
    a.settingsForm = el('form', { class: 'cp-settings', novalidate: true, on: { submit: function (e) { e.preventDefault(); Admin.saveSettings(a, a.state); } } }, [
      el('fieldset', null, [el('legend', { text: 'Email for this iteration' }), modes,
        el('div', { class: 'cp-field' }, [el('label', { for: a.testAddress.id, text: 'Test address' }), a.testAddress, a.testErr]),
        el('label', { class: 'cp-check', for: a.notifyComments.id }, [a.notifyComments, ' Email the owner team about new comments']),
        el('div', { class: 'cp-field' }, [el('label', { for: a.timeZone.id, text: 'Email time zone' }), a.timeZone, a.zoneList, a.zoneHelp, a.zoneErr]),
        el('div', { class: 'cp-form-actions' }, a.saveSettings)])]);
    // Broadcasts: the stakeholder list (one address a line) and the automatic hourly summary.
    a.stakeholders = el('textarea', { class: 'cp-input cp-stakeholders', id: a.id + '-stakeholders', rows: '4', spellcheck: 'false',
      autocomplete: 'off', 'aria-describedby': a.id + '-sh-help', 'data-testid': 'broadcast-stakeholders' });
    a.stakeholderHelp = el('span', { class: 'cp-muted', id: a.id + '-sh-help', text: 'One e-mail address per line, at most 200. Every broadcast is mailed to them, whatever the mode above (test mode sends it to the test address).' });
    a.stakeholderErr = el('span', { class: 'cp-field-error', id: a.id + '-sh-err', hidden: true });
    a.hourly = el('input', { type: 'checkbox', id: a.id + '-hourly', 'data-testid': 'broadcast-hourly' });
    a.saveBroadcast = el('button', { type: 'submit', class: 'cp-button cp-button--primary', text: 'Save broadcast settings' });
    a.broadcastMessage = U.messageBox('cp-msg');
    a.broadcastForm = el('form', { class: 'cp-settings', novalidate: true, 'data-testid': 'broadcast-settings',
      on: { submit: function (e) { e.preventDefault(); Admin.saveBroadcastSettings(a, a.state); } } }, [
      el('fieldset', null, [el('legend', { text: 'Broadcasts to stakeholders' }), a.broadcastMessage,
        el('div', { class: 'cp-field cp-field--wide' }, [el('label', { for: a.stakeholders.id, text: 'Stakeholder addresses' }), a.stakeholders, a.stakeholderHelp, a.stakeholderErr]),
        el('label', { class: 'cp-check', for: a.hourly.id }, [a.hourly, ' Post an automatic hourly summary while the iteration is in progress']),
        el('div', { class: 'cp-form-actions' }, a.saveBroadcast)])]);
    // Outbox
    a.counts = el('ul', { class: 'cp-counts cp-counts--mail', 'aria-label': 'Messages by status' });
    a.status = el('select', { class: 'cp-select', 'aria-label': 'Show messages', on: { change: function () { Admin.loadList(a, a.state); } } },
      [['FAILED', 'Failed'], ['PENDING', 'Pending (waiting or retrying)'], ['SENDING', 'Sending'], ['SENT', 'Sent'], ['', 'All']].map(function (o) {
        return el('option', { value: o[0], text: o[1] });
      }));
    a.scope = el('input', { type: 'checkbox', id: a.id + '-scope', checked: true, on: { change: function () { Admin.loadList(a, a.state); } } });
    a.refresh = el('button', { type: 'button', class: 'cp-button cp-button--subtle', text: 'Refresh', on: { click: function () { Admin.loadList(a, a.state); } } });
    // Focusable: on a phone the table scrolls sideways, and keyboard users must be able to scroll it too.
    a.list = el('table', { class: 'cp-table cp-outbox', tabindex: '0', 'aria-label': 'Outbox' });
    a.outboxNote = el('p', { class: 'cp-muted', hidden: true });
    a.outbox = el('div', { class: 'cp-outbox-area' }, [
      el('div', { class: 'cp-toolbar' }, [a.status, el('label', { class: 'cp-check', for: a.scope.id }, [a.scope, ' This iteration only']), a.refresh, a.counts]),
      a.list]);
    // Teams and Confluence groups (administrators, host with groups)
    a.groupsMessage = U.messageBox('cp-msg');
    a.groupsTable = el('table', { class: 'cp-table cp-team-groups-table', tabindex: '0', 'aria-label': 'Teams and Confluence groups' });
    a.groups = el('section', { class: 'cp-team-groups', hidden: true, 'data-testid': 'cp-team-groups', 'aria-labelledby': a.id + '-groups-title' }, [
      el('h3', { class: 'cp-section-title', id: a.id + '-groups-title', text: 'Teams and Confluence groups' }),
      el('p', { class: 'cp-muted', text: 'A team linked to a Confluence group has that group\u2019s members (their notifications and ' +
        'their steps follow the group); its members are then changed in Confluence, not here. Unlinking keeps the members it has.' }),
      a.groupsMessage, a.groupsTable]);
    a.webhooks = C.renderWebhooks.create(actions.api);
    a.root = el('div', { class: 'cp-admin' }, [
      el('h2', { class: 'cp-view-title', text: 'Notifications' }), a.transport, a.message, a.settingsForm, a.broadcastForm,
      el('h3', { class: 'cp-section-title', text: 'Outbox: failed and pending emails' }), a.outboxNote, a.outbox, a.webhooks.root, a.groups]);
    U.replace(container, a.root);
    doms.set(container, a);
    return a;
  }

  function zoneOptions() {
    var zones = [];
    try { zones = Intl.supportedValuesOf ? Intl.supportedValuesOf('timeZone') : []; } catch (e) { zones = []; }
    return zones.map(function (z) { return el('option', { value: z }); });
  }

  function render(container, state, actions) {
    var a = doms.get(container) || build(container, state, actions);
    a.state = state;
    if (state.changed && state.changed.shown === 'admin') {
      Admin.loadSettings(a, state);
      Admin.loadBroadcastSettings(a, state);
      Admin.loadList(a, state);
      Admin.loadGroups(a, state);
      a.webhooks.load(state);
    }
  }

  /** Shows the teams table to administrators where the host has groups (Confluence); hidden otherwise. */
  Admin.loadGroups = function (a, state) {
    if (!(state.caller && state.caller.role === 'ADMIN')) { a.groups.hidden = true; return Promise.resolve(); }
    var api = a.actions.api;
    return api.me().then(function (me) {
      if (!me.hostGroups) { a.groups.hidden = true; return null; }
      return api.teams().then(function (page) {
        a.groups.hidden = false;
        Admin.renderGroups(a, page.items || []);
      });
    }).then(null, function (err) {
      a.groups.hidden = false;
      U.say(a.groupsMessage, 'The teams could not be loaded: ' + err.message, 'error');
    });
  };

  Admin.renderGroups = function (a, teams) {
    var head = el('thead', null, el('tr', null, ['Team', 'Members', 'Confluence group', ''].map(function (h) {
      return el('th', { scope: 'col', text: h });
    })));
    var body = el('tbody');
    teams.forEach(function (t) {
      var label = (t.code || '') + ' \u2013 ' + (t.name || '');
      var input = el('input', { type: 'text', class: 'cp-input', maxlength: '255', autocomplete: 'off', spellcheck: 'false',
        value: t.hostGroup || '', placeholder: 'members kept in Cutplan', 'aria-label': 'Confluence group of ' + label, 'data-team': t.id });
      var err = el('span', { class: 'cp-field-error', hidden: true });
      var save = el('button', { type: 'button', class: 'cp-button', text: t.hostGroup ? 'Change group' : 'Link', 'data-link': t.id,
        'aria-label': (t.hostGroup ? 'Change the group of ' : 'Link to the group: ') + label,
        on: { click: function () { Admin.linkTeam(a, t, input.value.trim() || null, input, err, save); } } });
      var unlink = t.hostGroup ? el('button', { type: 'button', class: 'cp-button cp-button--subtle', text: 'Unlink', 'data-unlink': t.id,
        'aria-label': 'Unlink ' + label + ' from ' + t.hostGroup,
        on: { click: function () { Admin.linkTeam(a, t, null, input, err, unlink); } } }) : null;
      body.appendChild(el('tr', { 'data-team-row': t.id }, [
        el('th', { scope: 'row', text: label }),
        el('td', { class: 'cp-num', text: String((t.memberIds || []).length) }),
        el('td', null, [input, err]),
        el('td', null, [save, unlink ? ' ' : null, unlink])]));
    });
    if (!teams.length) body.appendChild(el('tr', null, el('td', { colspan: '4', class: 'cp-muted', text: 'No teams yet.' })));
    U.replace(a.groupsTable, [el('caption', { class: 'cp-visually-hidden', text: 'Teams and the Confluence group each follows' }), head, body]);
  };

  Admin.linkTeam = function (a, team, group, input, err, button) {
    button.disabled = true;
    err.hidden = true;
    input.removeAttribute('aria-invalid');
    return a.actions.api.saveTeam(team.id, { code: team.code, name: team.name, email: team.email || null, hostGroup: group }).then(function (t) {
      U.say(a.groupsMessage, group ? 'Team ' + t.code + ' now follows the group \u201C' + t.hostGroup + '\u201D.'
        : 'Team ' + t.code + ' no longer follows a group; its members are kept in Cutplan.', 'success');
      return Admin.loadGroups(a, a.state);
    }, function (e) {
      button.disabled = false;
      if (e.field === 'hostGroup') {
        err.hidden = false;
        err.textContent = e.message;
        err.id = err.id || 'cp-err-' + team.id;
        input.setAttribute('aria-invalid', 'true');
        input.setAttribute('aria-describedby', err.id);
        input.focus();
      }
      U.say(a.groupsMessage, 'Not saved: ' + e.message, 'error');
    });
  };

  Admin.syncMode = function (a) {
    a.testAddress.required = a.modeInputs.TEST.checked;
  };

  Admin.loadSettings = function (a, state) {
    return a.actions.api.notificationSettings(state.iterationId).then(function (s) {
      Object.keys(a.modeInputs).forEach(function (m) { a.modeInputs[m].checked = s.mode === m; });
      a.testAddress.value = s.testAddress || '';
      a.notifyComments.checked = s.notifyComments !== false;
      a.timeZone.value = s.timeZone || '';
      U.setText(a.zoneHelp, 'Times in emails show their UTC offset. Leave empty for the host\u2019s zone' + (s.hostTimeZone ? ' (' + s.hostTimeZone + ').' : '.'));
      Admin.syncMode(a);
    }, function (err) {
      a.settingsForm.hidden = err.status === 403;
      if (err.status !== 403) U.say(a.message, 'Settings could not be loaded: ' + err.message, 'error');
    });
  };

  Admin.loadBroadcastSettings = function (a, state) {
    return a.actions.api.broadcastSettings(state.iterationId).then(function (s) {
      a.broadcastForm.hidden = !s.stakeholders;
      a.stakeholders.value = (s.stakeholders || []).join('\n');
      a.hourly.checked = !!s.hourlySummary;
    }, function (err) {
      a.broadcastForm.hidden = true;
      if (err.status !== 403) U.say(a.message, 'Broadcast settings could not be loaded: ' + err.message, 'error');
    });
  };

  Admin.saveBroadcastSettings = function (a, state) {
    var lines = a.stakeholders.value.split(/[\r\n]+/).map(function (l) { return l.trim(); }).filter(function (l) { return l; });
    a.stakeholderErr.hidden = true;
    a.stakeholders.removeAttribute('aria-invalid');
    a.stakeholders.setAttribute('aria-describedby', a.stakeholderHelp.id);
    a.saveBroadcast.disabled = true;
    return a.actions.api.saveBroadcastSettings(state.iterationId, { stakeholders: lines, hourlySummary: a.hourly.checked }).then(function (s) {
      a.saveBroadcast.disabled = false;
      a.stakeholders.value = (s.stakeholders || []).join('\n');
      U.say(a.broadcastMessage, 'Broadcast settings saved: ' + s.stakeholderCount + ' stakeholder' + (s.stakeholderCount === 1 ? '' : 's') +
        ', hourly summary ' + (s.hourlySummary ? 'on' : 'off') + '.', 'success');
    }, function (err) {
      a.saveBroadcast.disabled = false;
      var m = /^stakeholders\[(\d+)\]$/.exec(err.field || '');
      var text = m ? 'Line ' + (Number(m[1]) + 1) + ' (' + lines[Number(m[1])] + '): ' + err.message : err.message;
      if (err.field && err.field.indexOf('stakeholders') === 0) {
        a.stakeholderErr.hidden = false;
        U.setText(a.stakeholderErr, text);
        a.stakeholders.setAttribute('aria-invalid', 'true');
        a.stakeholders.setAttribute('aria-describedby', a.stakeholderHelp.id + ' ' + a.stakeholderErr.id);
        a.stakeholders.focus();
      }
      U.say(a.broadcastMessage, 'Not saved: ' + text, 'error');
    });
  };

  Admin.saveSettings = function (a, state) {
    var mode = Object.keys(a.modeInputs).filter(function (m) { return a.modeInputs[m].checked; })[0];
    var addr = a.testAddress.value.trim();
    a.testErr.hidden = true;
    a.testAddress.removeAttribute('aria-invalid');
    a.zoneErr.hidden = true;
    a.timeZone.removeAttribute('aria-invalid');
    a.timeZone.setAttribute('aria-describedby', a.zoneHelp.id);
    if (mode === 'TEST' && !addr) {
      a.testErr.hidden = false; a.testErr.textContent = 'Test mode needs an address to send everything to.';
      a.testAddress.setAttribute('aria-invalid', 'true'); a.testAddress.setAttribute('aria-describedby', a.testErr.id); a.testAddress.focus();
      return;
    }
    a.saveSettings.disabled = true;
    a.actions.api.saveNotificationSettings(state.iterationId, { mode: mode || 'OFF', testAddress: addr || null, notifyComments: a.notifyComments.checked,
      timeZone: a.timeZone.value.trim() || null }).then(function () {
      a.saveSettings.disabled = false;
      U.say(a.message, 'Notification settings saved.', 'success');
    }, function (err) {
      a.saveSettings.disabled = false;
      if (err.field === 'testAddress') {
        a.testErr.hidden = false; a.testErr.textContent = err.message;
        a.testAddress.setAttribute('aria-invalid', 'true'); a.testAddress.setAttribute('aria-describedby', a.testErr.id); a.testAddress.focus();
      }
      if (err.field === 'timeZone') {
        a.zoneErr.hidden = false; a.zoneErr.textContent = err.message;
        a.timeZone.setAttribute('aria-invalid', 'true'); a.timeZone.setAttribute('aria-describedby', a.zoneHelp.id + ' ' + a.zoneErr.id); a.timeZone.focus();
      }
      U.say(a.message, 'Not saved: ' + err.message, 'error');
    });
  };

  Admin.loadList = function (a, state) {
    var q = [];
    if (a.status.value) q.push('status=' + encodeURIComponent(a.status.value));
    if (a.scope.checked) q.push('iteration=' + encodeURIComponent(state.iterationId));
    q.push('limit=200');
    return a.actions.api.notifications('?' + q.join('&')).then(function (r) {
      a.outbox.hidden = false;
      a.outboxNote.hidden = true;
      var t = r.transport;
      U.setText(a.transport, (t.configured ? '\u2714 Mail transport: ' : '\u26A0 Mail is not configured: ') + (t.description || ''));
      a.transport.className = 'cp-transport' + (t.configured ? '' : ' cp-msg--error');
      var counts = r.counts;
      U.replace(a.counts, ['PENDING', 'SENDING', 'SENT', 'FAILED'].map(function (s) {
        return el('li', { class: 'cp-count cp-count--mail-' + s.toLowerCase() }, [el('span', { class: 'cp-count-label', text: s.charAt(0) + s.slice(1).toLowerCase() }),
          el('span', { class: 'cp-count-n', text: String(counts[s] || 0) })]);
      }));
      Admin.renderList(a, state, r.messages);
    }, function (err) {
      if (err.status === 403) {
        // The outbox (recipients' addresses, errors) is for administrators; pilots set the mode above.
        a.outbox.hidden = true;
        a.outboxNote.hidden = false;
        U.setText(a.outboxNote, 'Only administrators see the outbox and resend failed emails.');
        return;
      }
      U.say(a.message, 'The outbox could not be loaded: ' + err.message, 'error');
    });
  };

  Admin.renderList = function (a, state, messages) {
    var head = el('thead', null, el('tr', null, ['Created', 'Status', 'Kind', 'Recipient', 'Subject', 'Attempts', 'Last error', ''].map(function (h) {
      return el('th', { scope: 'col', text: h });
    })));
    var body = el('tbody');
    messages.forEach(function (m) {
      var action = null;
      if (m.status === 'FAILED') {
        action = el('button', { type: 'button', class: 'cp-button', 'data-resend': m.id, text: 'Resend', on: { click: function () {
          action.disabled = true;
          a.actions.api.resend(m.id).then(function () {
            U.say(a.message, 'Queued again for ' + (m.recipient || 'its recipient') + '.', 'success');
            Admin.loadList(a, a.state);
          }, function (err) {
            action.disabled = false;
            U.say(a.message, 'Not resent: ' + err.message, 'error');
          });
        } } });
      }
      var status = m.status + (m.status === 'PENDING' && m.nextAttemptAt ? ' (next ' + U.fmtTime(m.nextAttemptAt) + ')' : '');
      body.appendChild(el('tr', { class: 'cp-mail--' + String(m.status).toLowerCase() }, [
        el('td', { text: U.fmtDateTime(m.createdAt) }),
        el('td', { text: (m.status === 'FAILED' ? '\u2716 ' : m.status === 'SENT' ? '\u2714 ' : '\u25CB ') + status }),
        el('td', { text: String(m.kind || '').toLowerCase().replace(/_/g, ' ') + (m.testMode ? ' (test)' : '') }),
        el('td', { text: m.recipient || '' }),
        el('td', { class: 'cp-subject', text: m.subject || '' }),
        el('td', { class: 'cp-num', text: (m.attempts || 0) + '/' + (m.maxAttempts || '?') }),
        el('td', { class: 'cp-error-text', text: m.lastError || '' }),
        el('td', null, action)
      ]));
    });
    if (!messages.length) body.appendChild(el('tr', null, el('td', { colspan: '8', class: 'cp-muted', text: 'No messages match.' })));
    U.replace(a.list, [el('caption', { class: 'cp-visually-hidden', text: 'Notification messages' }), head, body]);
  };
  C.views.register({
    id: 'admin',
    label: 'Notifications',
    testid: 'cp-view-admin',
    // Pilots and admins; the server refuses the outbox to pilots (403) and the view says so.
    visible: function (state) { return !!(state.caller && state.caller.pilot); },
    render: render
  });
})(window.Cutplan = window.Cutplan || {});
