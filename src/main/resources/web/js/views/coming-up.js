/*
 * Cutplan dashboard: the "Coming up" view. The steps expected to start in the next N hours (default 4) by their
 * forecast start, soonest first, for my teams or everyone: what a team lead needs at 3 a.m. on a phone. A list
 * (not a table) so it reads well on a small screen; each entry opens the step panel.
 */
(function (C) {
  'use strict';
  var U = C.util, el = U.el, F = C.Forecast;

  var HOURS = [1, 2, 4, 8, 12, 24];
  var DEFAULT_HOURS = 4;

  /** The view's own settings (state.comingUp): horizon in hours and whose steps. */
  function settings(state) {
    var s = state.comingUp || {};
    var mine = s.scope ? s.scope === 'mine' : hasTeams(state);
    return { hours: s.hours || DEFAULT_HOURS, mine: mine && hasTeams(state) };
  }

  function hasTeams(state) {
    return C.derive.callerTeamIds(state).length > 0;
  }

  function ownedByCaller(state) {
    return function (s) { return C.derive.isMine(state, s); };
  }

  function build(container, state, actions) {
    var v = {};
    v.hours = el('select', { class: 'cp-select', id: U.domId('cp-cu-hours', state.iterationId), on: { change: function () {
      actions.set('comingUp', { hours: parseInt(v.hours.value, 10), scope: v.scope.value });
    } } }, HOURS.map(function (h) { return el('option', { value: String(h), text: 'next ' + h + ' h' }); }));
    v.scope = el('select', { class: 'cp-select', id: U.domId('cp-cu-scope', state.iterationId), on: { change: function () {
      actions.set('comingUp', { hours: parseInt(v.hours.value, 10), scope: v.scope.value });
    } } }, [el('option', { value: 'mine', text: 'My teams' }), el('option', { value: 'all', text: 'Everyone' })]);
    v.summary = el('p', { class: 'cp-cu-summary', role: 'status' });
    v.list = el('ol', { class: 'cp-cu-list' });
    v.list.addEventListener('click', function (e) {
      var b = e.target.closest && e.target.closest('[data-step-id]');
      if (b) actions.openStep(b.getAttribute('data-step-id'), b);
    });
    U.replace(container, [
      el('div', { class: 'cp-toolbar cp-cu-toolbar' }, [
        el('label', { class: 'cp-cu-field', for: v.hours.id, text: 'Starting in the' }), v.hours,
        el('label', { class: 'cp-cu-field', for: v.scope.id, text: 'for' }), v.scope]),
      v.summary, v.list]);
    container._cpComingUp = v;
    return v;
  }

  function item(state, entry, now) {
    var s = entry.step, f = entry.forecast, late = f.lateness && f.lateness.kind === 'LATE_START' ? f.lateness : null;
    var when = s.status === 'READY' && U.toDate(f.forecastStart).getTime() <= now ? 'ready now' : F.relative(f.forecastStart, now);
    return el('li', { class: 'cp-cu-item' + (f.critical ? ' cp-cu-item--critical' : '') }, el('button', {
      type: 'button', class: 'cp-cu-open', 'data-step-id': s.id,
      title: late ? late.reason : null
    }, [
      el('span', { class: 'cp-cu-when' }, [el('strong', { class: 'cp-cu-time', text: U.fmtTime(f.forecastStart) }), ' ', el('span', { class: 'cp-cu-rel', text: when })]),
      el('span', { class: 'cp-cu-what' }, [U.statusBadge(s.status), ' ', el('span', { class: 'cp-code', text: s.code || '' }), ' ',
        el('span', { class: 'cp-cu-title', text: s.title || '' })]),
      el('span', { class: 'cp-cu-meta' }, [
        s.ownerTeam ? el('span', { class: 'cp-cu-team', text: s.ownerTeam.code || s.ownerTeam.name || '' }) : null,
        f.critical ? el('span', { class: 'cp-crit', text: '\u25C6 Critical' }) : null,
        late ? el('span', { class: 'cp-late-text', text: '\u26A0 ' + F.latenessText(late) }) : null,
        s.plannedStart ? el('span', { class: 'cp-muted', text: 'planned ' + U.fmtTime(s.plannedStart) }) : null
      ])
    ]));
  }

  function render(container, state, actions) {
    var v = container._cpComingUp || build(container, state, actions);
    var set = settings(state);
    v.hours.value = String(set.hours);
    v.scope.value = set.mine ? 'mine' : 'all';
    v.scope.querySelector('option[value=mine]').disabled = !hasTeams(state);
    if (!state.forecast) {
      U.setText(v.summary, 'Loading the forecast\u2026');
      U.replace(v.list, []);
      return;
    }
    var now = state.ui && state.ui.now || Date.now();
    var steps = Array.from(state.steps.values());
    var list = F.comingUp(steps, state.forecast, now, set.hours, set.mine ? ownedByCaller(state) : null);
    v.list.setAttribute('data-horizon-end', new Date(now + set.hours * 3600000).toISOString());
    var whose = set.mine ? 'for your teams' : 'for every team';
    U.setText(v.summary, list.length === 0
      ? 'Nothing is expected to start in the next ' + set.hours + ' h ' + whose + '.'
      : list.length + (list.length === 1 ? ' step is' : ' steps are') + ' expected to start in the next ' + set.hours + ' h ' + whose +
        ' (forecast at ' + U.fmtClock(state.forecast.computedAt).slice(0, 5) + ').');
    U.replace(v.list, list.map(function (e) { return item(state, e, now); }));
  }

  C.views.register({
    id: 'coming-up', label: 'Coming up', testid: 'coming-up',
    visible: function () { return true; },
    render: render
  });
})(window.Cutplan = window.Cutplan || {});
