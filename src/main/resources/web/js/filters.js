/*
 * Cutplan dashboard: which runsheet rows are visible. Filters: team, status, "my teams", free text, and
 * the "ready for my teams" view (READY or IN_PROGRESS steps owned by or impacting the caller's teams).
 */
(function (C) {
  'use strict';
  var U = C.util;

  function Filters() {
    this.team = '';       // team id, '' = all
    this.status = '';     // a status, 'LATE', 'OPEN' (not finished), or '' = all
    this.mine = false;
    this.text = '';
    this.view = 'runsheet';
  }

  Filters.READY_STATUSES = { READY: true, IN_PROGRESS: true, ON_HOLD: true, FAILED: true };

  Filters.prototype.matcher = function (store, now) {
    var team = this.team, status = this.status, mine = this.mine || (this.view === 'ready' && !this.team);
    var ready = this.view === 'ready';
    var words = this.text.trim().toLowerCase().split(/\s+/).filter(Boolean);
    return function (s) {
      if (ready && !Filters.READY_STATUSES[s.status]) return false;
      if (team && s.ownerTeamId !== team && s.impactedTeamIds.indexOf(team) < 0) return false;
      if (status === 'LATE') { if (!store.lateReason(s, now)) return false; }
      else if (status === 'OPEN') { if (U.FINISHED[s.status]) return false; }
      else if (status && s.status !== status) return false;
      if (mine && !store.isMine(s)) return false;
      if (words.length) {
        var hay = s._search;
        if (hay === undefined) {
          hay = (s.code + ' ' + s.title + ' ' + store.teamLabel(s.ownerTeamId) + ' ' + ((store.team(s.ownerTeamId) || {}).name || '')).toLowerCase();
          s._search = hay;
        }
        for (var i = 0; i < words.length; i++) if (hay.indexOf(words[i]) < 0) return false;
      }
      return true;
    };
  };

  Filters.prototype.active = function () {
    return !!(this.team || this.status || this.mine || this.text.trim() || this.view === 'ready');
  };

  C.Filters = Filters;
})(window.Cutplan = window.Cutplan || {});
