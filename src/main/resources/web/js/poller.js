/*
 * Cutplan dashboard: live updates. Polls the delta endpoint every N seconds with If-None-Match; pauses
 * while the tab is hidden and catches up at once on return; backs off exponentially on errors (capped)
 * and reports its state (live / reconnecting / offline / paused) to a listener for the indicator.
 */
(function (C) {
  'use strict';

  var MAX_BACKOFF_MS = 60000;
  var OFFLINE_AFTER_FAILURES = 3;

  /**
   * fetchOnce(): Promise resolving when one poll is done (rejects on failure).
   * onState({state, failures, nextInMs, lastOk, error}).
   */
  function Poller(intervalSeconds, fetchOnce, onState) {
    this.interval = Math.max(1, intervalSeconds || 5) * 1000;
    this.fetchOnce = fetchOnce;
    this.onState = onState || function () {};
    this.failures = 0;
    this.timer = null;
    this.inFlight = false;
    this.stopped = true;
    this.lastOk = null;
    this.state = 'connecting';
    this.nextAt = null;
    var self = this;
    this.onVisibility = function () {
      if (document.hidden) {
        self.clear();
        self.emit('paused', null);
      } else if (!self.stopped) {
        self.pollNow();
      }
    };
    this.onOnline = function () { if (!self.stopped && !document.hidden) self.pollNow(); };
  }

  Poller.prototype.start = function () {
    this.stopped = false;
    document.addEventListener('visibilitychange', this.onVisibility);
    window.addEventListener('online', this.onOnline);
    this.schedule(this.interval);
  };

  Poller.prototype.stop = function () {
    this.stopped = true;
    this.clear();
    document.removeEventListener('visibilitychange', this.onVisibility);
    window.removeEventListener('online', this.onOnline);
  };

  Poller.prototype.clear = function () {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.nextAt = null;
  };

  Poller.prototype.schedule = function (ms) {
    var self = this;
    this.clear();
    if (this.stopped || document.hidden) return;
    this.nextAt = Date.now() + ms;
    this.timer = setTimeout(function () { self.pollNow(); }, ms);
  };

  /** Polls at once (after an action, on return to the tab, or when the user asks to retry). */
  Poller.prototype.pollNow = function () {
    var self = this;
    this.clear();
    if (this.stopped || document.hidden) { if (document.hidden) this.emit('paused', null); return Promise.resolve(); }
    if (this.inFlight) { this.again = true; return this.inFlight; }
    this.inFlight = Promise.resolve().then(function () { return self.fetchOnce(); }).then(function () {
      self.failures = 0;
      self.lastOk = new Date();
      self.inFlight = false;
      self.emit('live', null);
      self.schedule(self.again ? 0 : self.interval);
      self.again = false;
    }, function (err) {
      self.inFlight = false;
      self.again = false;
      // A 401/403 will not heal by retrying quickly, but keep trying slowly: the session may come back.
      self.failures++;
      var delay = Math.min(MAX_BACKOFF_MS, self.interval * Math.pow(2, self.failures));
      var offline = self.failures >= OFFLINE_AFTER_FAILURES || (typeof navigator !== 'undefined' && navigator.onLine === false);
      self.schedule(delay);
      self.emit(offline ? 'offline' : 'reconnecting', err);
    });
    return this.inFlight;
  };

  Poller.prototype.emit = function (state, err) {
    this.state = state;
    this.onState({
      state: state, failures: this.failures, lastOk: this.lastOk, error: err || null,
      nextInMs: this.nextAt ? Math.max(0, this.nextAt - Date.now()) : null
    });
  };

  C.Poller = Poller;
})(window.Cutplan = window.Cutplan || {});
