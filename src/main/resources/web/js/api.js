/*
 * Cutplan dashboard: the REST client. Same code in Confluence and in the standalone host:
 * same-origin credentials, JSON in and out, and the XSRF header Confluence demands on every mutating call.
 */
(function (C) {
  'use strict';

  /** An HTTP failure with the server's JSON error body ({error, message, field}) when there is one. */
  function ApiError(status, body, message) {
    this.name = 'ApiError';
    this.status = status;
    this.body = body || {};
    this.code = this.body.error || (status === 0 ? 'network' : 'http_' + status);
    this.field = this.body.field || null;
    this.message = this.body.message || message || ('HTTP ' + status);
  }
  ApiError.prototype = Object.create(Error.prototype);
  ApiError.prototype.constructor = ApiError;
  /**
   * What to tell the user when the host itself refused the call (a 401/403 without Cutplan's own error body: in
   * Confluence the REST API is for licensed users only), or null when Cutplan answered or it is no refusal.
   */
  ApiError.prototype.platformRefusal = function () {
    if (this.code === 'http_401') return 'Please log in to use Cutplan.';
    if (this.code === 'http_403') {
      return 'Your account may not use Cutplan: it needs a licensed Confluence user. Ask your Confluence administrator.';
    }
    return null;
  };
  C.ApiError = ApiError;

  /**
   * REST base: data-rest-base (or data-api-base, which the Confluence macro writes), else Confluence's
   * context path, else the standalone default.
   */
  C.restBase = function (container) {
    var explicit = container && (container.getAttribute('data-rest-base') || container.getAttribute('data-api-base'));
    if (explicit) return absolute(explicit.replace(/\/+$/, ''));
    if (window.AJS && typeof window.AJS.contextPath === 'function') {
      return absolute(window.AJS.contextPath() + '/rest/cutplan/1.0');
    }
    return absolute('/rest/cutplan/1.0');
  };

  /**
   * A path made absolute against location.origin, which never carries user:password@: opened from a URL with
   * credentials, the browser refuses fetch() of a relative URL (it would resolve against that URL).
   */
  function absolute(path) {
    var origin = window.location && window.location.origin;
    return path.charAt(0) === '/' && origin && origin !== 'null' ? origin + path : path;
  }

  /**
   * How long a request may take before the page gives up on it (ms). Without a limit, one request stuck on a dying
   * connection would hold a view's polling forever (each poll waits for the previous one). A write that times out
   * may still have happened: the error says so, and the next poll shows the truth.
   */
  var TIMEOUT_MS = { read: 30000, write: 60000 };

  function Api(base) {
    this.base = base;
  }
  Api.TIMEOUT_MS = TIMEOUT_MS;

  /**
   * One request. Resolves {status, etag, body} (body null on 204/304); rejects ApiError on any other
   * non-2xx or on a network failure (status 0).
   */
  Api.prototype.request = function (method, path, body, headers) {
    var h = { 'Accept': 'application/json' };
    var mutating = method !== 'GET' && method !== 'HEAD';
    if (mutating) h['X-Atlassian-Token'] = 'no-check';
    if (body !== undefined && body !== null) h['Content-Type'] = 'application/json';
    if (headers) for (var k in headers) h[k] = headers[k];
    var init = { method: method, headers: h, credentials: 'same-origin', cache: 'no-store' };
    // A string body with its own Content-Type (a CSV file to import) is sent as it is; anything else as JSON.
    var raw = typeof body === 'string' && h['Content-Type'] !== 'application/json';
    if (body !== undefined && body !== null) init.body = raw ? body : JSON.stringify(body);
    var limit = mutating ? TIMEOUT_MS.write : TIMEOUT_MS.read;
    var abort = typeof AbortController === 'function' ? new AbortController() : null;
    var timer = null;
    if (abort) {
      init.signal = abort.signal;
      timer = setTimeout(function () { abort.abort(); }, limit);
    }
    var done = function () { clearTimeout(timer); };
    return fetch(this.base + path, init).then(function (r) {
      var etag = r.headers.get('ETag');
      if (r.status === 304 || r.status === 204) return { status: r.status, etag: etag, body: null };
      var type = r.headers.get('Content-Type') || '';
      var parse = type.indexOf('json') >= 0 ? r.json().catch(function () { return null; }) : r.text();
      return parse.then(function (data) {
        if (r.ok) return { status: r.status, etag: etag, body: data };
        throw new ApiError(r.status, typeof data === 'object' ? data : null, r.statusText);
      });
    }, function (err) {
      if (abort && abort.signal.aborted) {
        throw new ApiError(0, { error: 'timeout', message: mutating
          ? 'No answer from the server within ' + limit / 1000 + ' s; the change may or may not have been saved.'
          : 'No answer from the server within ' + limit / 1000 + ' s.' }, 'timeout');
      }
      throw new ApiError(0, null, 'The server could not be reached (' + (err && err.message || 'network error') + ')');
    }).then(function (v) { done(); return v; }, function (e) { done(); throw e; });
  };

  Api.prototype.get = function (path, headers) { return this.request('GET', path, null, headers).then(body); };
  Api.prototype.post = function (path, data) { return this.request('POST', path, data || {}).then(body); };
  Api.prototype.put = function (path, data) { return this.request('PUT', path, data || {}).then(body); };
  Api.prototype.del = function (path) { return this.request('DELETE', path).then(body); };
  /** Raw text (exports). */
  Api.prototype.text = function (path) {
    return fetch(this.base + path, { credentials: 'same-origin', cache: 'no-store', headers: { 'Accept': 'text/html, text/csv, */*' } })
      .then(function (r) {
        return r.text().then(function (t) {
          if (!r.ok) {
            var parsed = null;
            try { parsed = JSON.parse(t); } catch (e) { /* not JSON */ }
            throw new ApiError(r.status, parsed, r.statusText);
          }
          return t;
        });
      }, function (err) {
        throw new ApiError(0, null, 'The server could not be reached (' + (err && err.message) + ')');
      });
  };

  function body(r) { return r.body; }

  function enc(s) { return encodeURIComponent(s); }
  C.enc = enc;

  // ---- The endpoints the dashboard uses (paths owned by the engine, schedules and mail parts).
  Api.prototype.iterations = function (query) { return this.get('/iterations' + (query || '')); };
  Api.prototype.iteration = function (id) { return this.get('/iterations/' + enc(id)); };
  /** Full snapshot, or with `since` only what changed; `etag` makes an unchanged answer a cheap 304. */
  Api.prototype.dashboard = function (id, since, etag) {
    var q = since === null || since === undefined ? '' : '?since=' + enc(since);
    return this.request('GET', '/iterations/' + enc(id) + '/dashboard' + q, null, etag ? { 'If-None-Match': etag } : null);
  };
  /** The forecast (basis 'plan' or 'learned'); `etag` makes an unchanged forecast a 304. */
  Api.prototype.forecast = function (id, basis, etag) {
    return this.request('GET', '/iterations/' + enc(id) + '/forecast' + (basis ? '?basis=' + enc(basis) : ''), null,
      etag ? { 'If-None-Match': etag } : null);
  };
  Api.prototype.step = function (id, stepId) { return this.get('/iterations/' + enc(id) + '/steps/' + enc(stepId)); };
  Api.prototype.transition = function (id, stepId, payload) {
    return this.post('/iterations/' + enc(id) + '/steps/' + enc(stepId) + '/transitions', payload);
  };
  /** Four-eyes: a second pilot confirms the pending gate override; rejects it (or its requester withdraws it). */
  Api.prototype.confirmOverride = function (id, stepId, payload) {
    return this.post('/iterations/' + enc(id) + '/steps/' + enc(stepId) + '/override-confirmation', payload);
  };
  Api.prototype.rejectOverride = function (id, stepId, payload) {
    return this.post('/iterations/' + enc(id) + '/steps/' + enc(stepId) + '/override-rejection', payload);
  };
  Api.prototype.task = function (id, taskId, payload) {
    return this.post('/iterations/' + enc(id) + '/tasks/' + enc(taskId) + '/completion', payload);
  };
  Api.prototype.control = function (id, controlId, payload) {
    return this.put('/iterations/' + enc(id) + '/controls/' + enc(controlId), payload);
  };
  Api.prototype.comment = function (id, stepId, payload) {
    return this.post('/iterations/' + enc(id) + '/steps/' + enc(stepId) + '/comments', payload);
  };
  Api.prototype.events = function (id, query) { return this.get('/iterations/' + enc(id) + '/events' + (query || '')); };
  Api.prototype.schedule = function (id) { return this.get('/iterations/' + enc(id) + '/schedule'); };
  Api.prototype.saveSchedule = function (id, payload) { return this.put('/iterations/' + enc(id) + '/schedule', payload); };
  Api.prototype.copySchedule = function (id, payload) { return this.post('/iterations/' + enc(id) + '/schedule/copy', payload); };
  Api.prototype.copyPreview = function (id, query) { return this.get('/iterations/' + enc(id) + '/schedule/copy-preview' + (query || '')); };
  Api.prototype.undoScheduleCopy = function (id) { return this.post('/iterations/' + enc(id) + '/schedule/copy-undo', {}); };
  Api.prototype.refreshPreview = function (id) { return this.get('/iterations/' + enc(id) + '/refresh-preview'); };
  Api.prototype.refreshIteration = function (id, payload) { return this.post('/iterations/' + enc(id) + '/refresh', payload); };
  Api.prototype.exportUrl = function (id, format, download) {
    return this.base + '/schedule/export?iteration=' + enc(id) + (format ? '&format=' + enc(format) : '') +
      (download ? '&download=true' : '');
  };
  /** The iteration review (JSON), its export links, and its lessons (pilots). */
  Api.prototype.review = function (id) { return this.get('/iterations/' + enc(id) + '/review'); };
  Api.prototype.reviewUrl = function (id, format, download) {
    return this.base + '/iterations/' + enc(id) + '/review?format=' + enc(format || 'html') + (download ? '&download=true' : '');
  };
  Api.prototype.saveReviewNote = function (id, payload) { return this.put('/iterations/' + enc(id) + '/review/notes', payload); };
  Api.prototype.notifications = function (query) { return this.get('/notifications' + (query || '')); };
  Api.prototype.resend = function (notificationId) { return this.post('/notifications/' + enc(notificationId) + '/resend', {}); };
  Api.prototype.postBroadcast = function (id, payload) { return this.post('/iterations/' + enc(id) + '/broadcasts', payload); };
  Api.prototype.broadcastSettings = function (id) { return this.get('/iterations/' + enc(id) + '/broadcast-settings'); };
  Api.prototype.saveBroadcastSettings = function (id, payload) { return this.put('/iterations/' + enc(id) + '/broadcast-settings', payload); };
  Api.prototype.notificationSettings = function (id) { return this.get('/iterations/' + enc(id) + '/notification-settings'); };
  Api.prototype.saveNotificationSettings = function (id, payload) {
    return this.put('/iterations/' + enc(id) + '/notification-settings', payload);
  };

  // ---- Comparison, calibration and finish probability (issue 14; docs/calibration.md).
  Api.prototype.probability = function (id) { return this.get('/iterations/' + enc(id) + '/forecast/probability'); };
  Api.prototype.comparison = function (migrationId) { return this.get('/migrations/' + enc(migrationId) + '/comparison'); };
  Api.prototype.comparisonUrl = function (migrationId, format, tz) {
    return this.base + '/migrations/' + enc(migrationId) + '/comparison?format=' + enc(format) + '&download=true' +
      (tz ? '&tz=' + enc(tz) : '');
  };
  Api.prototype.durationProposals = function (planId, statistic) {
    return this.get('/plans/' + enc(planId) + '/duration-proposals' + (statistic ? '?statistic=' + enc(statistic) : ''));
  };
  Api.prototype.applyDurationProposals = function (planId, payload) {
    return this.post('/plans/' + enc(planId) + '/duration-proposals/apply', payload);
  };

  C.Api = Api;
})(window.Cutplan = window.Cutplan || {});
