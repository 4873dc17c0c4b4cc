/*
 * Cutplan: the authoring endpoints of the one REST client (C.Api), used by the plan editor, the import wizard and
 * the iteration refresh. Paths and bodies are exactly those of docs/authoring.md and docs/api/openapi.yaml.
 * Every write under /plans/{id} carries If-Match: "<revision>" when the caller knows the plan revision, so an edit
 * made on a stale view is refused (409 stale_revision) instead of silently overwriting someone else's.
 */
(function (C) {
  'use strict';
  var Api = C.Api, enc = C.enc;

  function ifMatch(revision) {
    return revision === null || revision === undefined ? null : { 'If-Match': '"' + revision + '"' };
  }
  function bodyOf(r) { return r.body; }

  /** A write to a plan: method, path below /plans/{planId}, JSON body, the revision the page saw. */
  Api.prototype.planWrite = function (method, planId, path, body, revision) {
    return this.request(method, '/plans/' + enc(planId) + path, body === undefined ? null : body, ifMatch(revision)).then(bodyOf);
  };

  Api.prototype.me = function () { return this.get('/me'); };
  Api.prototype.plans = function () { return this.get('/plans?limit=1000'); };
  Api.prototype.plan = function (planId) { return this.get('/plans/' + enc(planId)); };
  Api.prototype.createPlan = function (body) { return this.post('/plans', body); };
  Api.prototype.macroPhases = function (planId) { return this.get('/plans/' + enc(planId) + '/macro-phases'); };
  Api.prototype.chapters = function (planId) { return this.get('/plans/' + enc(planId) + '/chapters'); };
  /** Every step of a plan in one page (the API allows 5,000, so a 1,200-step runbook is one request). */
  Api.prototype.planSteps = function (planId) { return this.get('/plans/' + enc(planId) + '/steps?limit=5000'); };
  Api.prototype.planTasks = function (planId, stepId) { return this.get('/plans/' + enc(planId) + '/steps/' + enc(stepId) + '/tasks'); };
  Api.prototype.planControls = function (planId) { return this.get('/plans/' + enc(planId) + '/controls'); };
  Api.prototype.teams = function () { return this.get('/teams?limit=1000'); };
  Api.prototype.saveTeam = function (teamId, body) { return this.put('/teams/' + enc(teamId), body); };
  Api.prototype.users = function () { return this.get('/users?limit=1000'); };
  Api.prototype.migrations = function () { return this.get('/migrations?limit=1000'); };
  Api.prototype.createMigration = function (body) { return this.post('/migrations', body); };
  Api.prototype.migrationIterations = function (migrationId) { return this.get('/migrations/' + enc(migrationId) + '/iterations'); };
  Api.prototype.createIteration = function (migrationId, body) { return this.post('/migrations/' + enc(migrationId) + '/iterations', body); };

  /**
   * POST /import/plan with the file's text as text/csv. params: code, name, description, dryRun, createTeams,
   * repair (false and empty values are left out). Resolves the report; a refused file rejects with the ApiError
   * whose body.details holds the problems (422 import_rejected).
   */
  Api.prototype.importPlan = function (csv, params) {
    var q = Object.keys(params).filter(function (k) {
      var v = params[k];
      return v !== undefined && v !== null && v !== false && v !== '';
    }).map(function (k) { return enc(k) + '=' + enc(params[k]); }).join('&');
    return this.request('POST', '/import/plan?' + q, csv, { 'Content-Type': 'text/csv; charset=utf-8' }).then(bodyOf);
  };

  C.Api = Api;
})(window.Cutplan = window.Cutplan || {});
