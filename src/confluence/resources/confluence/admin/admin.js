/*
 * Cutplan's configuration page inside Confluence. Reads and saves the settings through
 * <context>/rest/cutplan/1.0/admin/config; every text it shows is set with textContent (never as HTML).
 * The stored password is never sent to the page: an empty password field keeps it.
 */
(function () {
  'use strict';

  function start() {
    var root = document.getElementById('cutplan-admin');
    if (!root) {
      return;
    }
    var api = root.getAttribute('data-api-base') + '/admin/config';
    var form = root.querySelector('form');
    var statusLine = root.querySelector('.cutplan-admin-status');
    var mailServer = root.querySelector('.cutplan-mail-server');
    var field = function (name) { return form.querySelector('[name="' + name + '"]'); };
    var msg = function (key) { return root.getAttribute('data-msg-' + key) || ''; };

    function show(text, kind) {
      statusLine.textContent = text;
      statusLine.className = 'cutplan-admin-status' + (kind ? ' cutplan-admin-status-' + kind : '');
    }

    function request(method, url, body) {
      return fetch(url, {
        method: method,
        credentials: 'same-origin',
        headers: {
          'Accept': 'application/json',
          'Content-Type': 'application/json',
          // Confluence's XSRF check (and Cutplan's own filter) require this header on mutating requests.
          'X-Atlassian-Token': 'no-check'
        },
        body: body === undefined ? undefined : JSON.stringify(body)
      }).then(function (response) {
        return response.text().then(function (text) {
          var json = null;
          try { json = text ? JSON.parse(text) : null; } catch (e) { json = null; }
          if (!response.ok) {
            var error = new Error((json && json.message) || ('HTTP ' + response.status));
            error.field = json && json.field;
            throw error;
          }
          return json;
        });
      });
    }

    function fill(config) {
      field('db-url').value = config.database.url || '';
      field('db-user').value = config.database.user || '';
      field('db-password').value = '';
      field('db-password').placeholder = config.database.passwordSet ? msg('password-set') : '';
      field('db-password-clear').checked = false;
      field('db-owner-user').value = config.database.ownerUser || '';
      field('db-owner-password').value = '';
      field('db-owner-password').placeholder = config.database.ownerPasswordSet ? msg('password-set') : '';
      field('db-pool-size').value = config.database.poolSize;
      field('mail-enabled').checked = !!config.mail.enabled;
      field('mail-from-name').value = config.mail.fromName || '';
      mailServer.textContent = config.mail.server || '';
      field('admin-group').value = (config.identity && config.identity.adminGroup) || '';
      field('pilot-group').value = (config.identity && config.identity.pilotGroup) || '';
      var state = config.status.state;
      var text = msg('state-' + state.toLowerCase());
      if (state === 'RUNNING') {
        text += ' ' + (config.status.schemaVersion || '');
      } else if (config.status.message) {
        text += ' ' + config.status.message;
      }
      show(text, state === 'RUNNING' ? 'ok' : 'warning');
    }

    function formBody() {
      var password = field('db-password').value;
      var ownerPassword = field('db-owner-password').value;
      var pool = parseInt(field('db-pool-size').value, 10);
      return {
        database: {
          url: field('db-url').value,
          user: field('db-user').value,
          // null keeps the stored password, '' removes it, anything else replaces it.
          password: field('db-password-clear').checked ? '' : (password === '' ? null : password),
          poolSize: isNaN(pool) ? null : pool,
          ownerUser: field('db-owner-user').value,
          // Like the password: empty keeps the stored one (an empty owner user drops both).
          ownerPassword: ownerPassword === '' ? null : ownerPassword
        },
        mail: {
          enabled: field('mail-enabled').checked,
          fromName: field('mail-from-name').value
        },
        // A blank group name means none.
        identity: {
          adminGroup: field('admin-group').value,
          pilotGroup: field('pilot-group').value
        }
      };
    }

    form.addEventListener('submit', function (event) {
      event.preventDefault();
      show(msg('saving'));
      request('PUT', api, formBody()).then(function (config) {
        fill(config);
        statusLine.textContent = msg('saved') + ' ' + statusLine.textContent;
      }, function (error) {
        show(msg('save-failed') + ' ' + error.message + (error.field ? ' (' + error.field + ')' : ''), 'error');
      });
    });

    root.querySelector('.cutplan-test-connection').addEventListener('click', function () {
      show(msg('testing'));
      var body = formBody();
      request('POST', api + '/test-connection', { database: body.database }).then(function (result) {
        show(result.message, result.ok ? 'ok' : 'error');
      }, function (error) {
        show(error.message, 'error');
      });
    });

    show(msg('loading'));
    request('GET', api).then(fill, function (error) {
      show(msg('load-failed') + ' ' + error.message, 'error');
    });
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', start);
  } else {
    start();
  }
}());
