/*
 * Cutplan dashboard: the forecast on its own, slower cadence. Fetches GET /iterations/{id}/forecast every 30 s,
 * or soon after the iteration's version changes (whichever comes first), with If-None-Match so an unchanged
 * forecast is a 304. It has its own timer and never waits for (nor delays) the 5 s delta polls: the dashboard
 * tells it about a new version and carries on. Paused while the tab is hidden, like the delta poller.
 */
(function (C) {
  'use strict';

  /**
   * options: fetch(etag) -> Promise<{status, etag, body}> (one GET, e.g. Api#forecast);
   * onForecast(body) on every 200; onError(err) optional; intervalMs (default 30000);
   * settleMs (default 1000): how long after a version change to fetch, so a burst of changes costs one request.
   */
  function ForecastPoller(options) {
    this.fetch = options.fetch;
    this.onForecast = options.onForecast;
    this.onError = options.onError || function () {};
    this.intervalMs = options.intervalMs || 30000;
    this.settleMs = options.settleMs === undefined ? 1000 : options.settleMs;
    this.etag = null;
    this.version = null;
    this.timer = null;
    this.inFlight = null;
    this.again = false;
    this.stopped = true;
    this.lastFetchAt = 0;
    this.fetches = 0;
    this.notModified = 0;
    var self = this;
    this.onVisibility = function () {
      if (document.hidden) self.clear();
      else if (!self.stopped) self.schedule(Date.now() - self.lastFetchAt >= self.intervalMs ? 0 : self.intervalMs - (Date.now() - self.lastFetchAt));
    };
  }

  /** Starts at once (the first fetch) and keeps going until stop(). */
  ForecastPoller.prototype.start = function () {
    this.stopped = false;
    document.addEventListener('visibilitychange', this.onVisibility);
    return this.fetchNow();
  };

  ForecastPoller.prototype.stop = function () {
    this.stopped = true;
    this.clear();
    document.removeEventListener('visibilitychange', this.onVisibility);
  };

  ForecastPoller.prototype.clear = function () {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  };

  ForecastPoller.prototype.schedule = function (ms) {
    var self = this;
    this.clear();
    if (this.stopped || document.hidden) return;
    this.timer = setTimeout(function () { self.fetchNow(); }, Math.max(0, ms));
  };

  /**
   * The dashboard saw the iteration's version (after every delta). A new version fetches the forecast after
   * settleMs (earlier than the 30 s timer); the same version does nothing.
   */
  ForecastPoller.prototype.versionChanged = function (version) {
    if (version === this.version || version === null || version === undefined) return;
    var first = this.version === null;
    this.version = version;
    if (first || this.stopped) return;
    this.schedule(this.settleMs);
  };

  /** One fetch now (a second call while one is in flight runs once more after it, never in parallel). */
  ForecastPoller.prototype.fetchNow = function () {
    var self = this;
    this.clear();
    if (this.stopped) return Promise.resolve();
    if (this.inFlight) { this.again = true; return this.inFlight; }
    this.lastFetchAt = Date.now();
    this.fetches++;
    this.inFlight = Promise.resolve().then(function () { return self.fetch(self.etag); }).then(function (r) {
      self.inFlight = null;
      if (r && r.status === 304) self.notModified++;
      else if (r && r.body) {
        if (r.etag) self.etag = r.etag;
        if (r.body.version !== undefined && r.body.version !== null && self.version === null) self.version = r.body.version;
        self.onForecast(r.body);
      }
    }, function (err) {
      self.inFlight = null;
      // Keep the last forecast on screen; the next regular fetch retries (the delta poller reports connectivity).
      self.onError(err);
    }).then(function () {
      var again = self.again;
      self.again = false;
      self.schedule(again ? 0 : self.intervalMs);
    });
    return this.inFlight;
  };

  C.ForecastPoller = ForecastPoller;
})(window.Cutplan = window.Cutplan || {});
