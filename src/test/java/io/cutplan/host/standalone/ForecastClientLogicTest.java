package io.cutplan.host.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import io.cutplan.domain.Role;
import io.cutplan.testing.Browser;
import io.cutplan.testing.Fixtures;
import io.cutplan.testing.TestHost;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The page's forecast logic, run in Chromium on a page that loads the manifest's scripts: the header line and its
 * colour, "Coming up", the timeline drawing and its table, and the forecast poller's cadence. Exact, on hand-made
 * forecasts; the full-page tests check the same against the real API.
 */
class ForecastClientLogicTest {
    private static ChromeDriver browser;

    @BeforeAll
    static void setUp() {
        TestHost host = TestHost.get();
        Fixtures.TestUser user = Fixtures.in(host.database()).user("fclogic", Role.NORMAL);
        browser = Browser.get();
        Browser.loginAs(user.username(), Fixtures.PASSWORD);
        browser.get(host.baseUrl() + "/");
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> !d.findElements(By.cssSelector(".cutplan-index h1")).isEmpty());
    }

    private static Object js(String script) {
        return browser.executeScript("var C = window.Cutplan, U = C.util, F = C.Forecast, T = C.Timeline; " + script);
    }

    private static String iteration(String end, long variance, long overWindow, boolean finished) {
        return "{basis: 'plan', iteration: {plannedStart: '2026-11-27T18:00:00Z', plannedEnd: '2026-11-29T10:00:00Z',"
                + " windowEnd: '2026-11-29T12:00:00Z', forecastEnd: '" + end + "', varianceMinutes: " + variance
                + ", overWindowMinutes: " + overWindow + ", finished: " + finished + "}}";
    }

    @Test
    void theHeaderSaysWhereTheForecastEndIsAgainstPlanAndWindowInWords() {
        String over = iteration("2026-11-30T04:49:00Z", 1129, 1009, false);
        Object out = js("var s = F.headerSummary(" + over + "); return [s.level, s.text, U.fmtTime('2026-11-30T04:49:00Z')];");
        List<?> r = (List<?>) out;
        assertThat(r.get(0)).isEqualTo("over");
        assertThat(r.get(1)).isEqualTo("forecast " + r.get(2) + ", 16 h 49 min over the window");

        List<?> behind = (List<?>) js("var s = F.headerSummary(" + iteration("2026-11-29T11:00:00Z", 60, -60, false) + "); return [s.level, s.text];");
        assertThat(behind.get(0)).isEqualTo("behind");
        assertThat((String) behind.get(1)).endsWith("1 h behind plan, inside the window");

        // A few minutes behind plan is not an alarm (threshold F.AMBER_AFTER_MINUTES), and says how much room is left.
        List<?> ok = (List<?>) js("var s = F.headerSummary(" + iteration("2026-11-29T10:05:00Z", 5, -115, false) + "); return [s.level, s.text];");
        assertThat(ok.get(0)).isEqualTo("ok");
        assertThat((String) ok.get(1)).endsWith("1 h 55 min inside the window");

        List<?> done = (List<?>) js("var s = F.headerSummary(" + iteration("2026-11-29T15:00:00Z", 300, 180, true) + "); return [s.level, s.text, s.finished];");
        assertThat(done.get(0)).isEqualTo("over");
        assertThat((String) done.get(1)).startsWith("finished ").endsWith("3 h over the window");
        assertThat(done.get(2)).isEqualTo(true);
        assertThat(js("return F.headerSummary(null);")).isNull();
    }

    @Test
    void latenessNeedingAttentionIsOverrunningOrLateStartAndSaysItsMinutes() {
        String forecast = "{steps: [{id: 'a', lateness: {kind: 'OVERRUNNING', minutes: 25, reason: 'r'}},"
                + " {id: 'b', lateness: {kind: 'LATE_START', minutes: 70, reason: 'r'}},"
                + " {id: 'c', lateness: {kind: 'LATE_FINISH', minutes: 15, reason: 'r'}}, {id: 'd'}]}";
        assertThat(js("var f = " + forecast + "; return [F.attentionCount(f), F.latenessText(f.steps[0].lateness),"
                + " F.latenessText(f.steps[1].lateness), F.latenessText(f.steps[2].lateness), F.latenessText(f.steps[3].lateness)];"))
                .isEqualTo(List.of(2L, "Overrunning 25 min", "Late start 1 h 10 min", "Finished late 15 min", ""));
    }

    @Test
    void comingUpListsUnstartedStepsWithinTheHorizonSoonestFirst() {
        String body = "var now = Date.parse('2026-11-28T12:00:00Z');"
                + "function at(h) { return new Date(now + h * 3600000).toISOString(); }"
                + "var steps = [{id: 'late', status: 'PENDING', team: 'A'}, {id: 'ready', status: 'READY', team: 'B'},"
                + " {id: 'soon', status: 'PENDING', team: 'A'}, {id: 'tie', status: 'PENDING', team: 'B'},"
                + " {id: 'running', status: 'IN_PROGRESS', team: 'A'}, {id: 'done', status: 'DONE', team: 'A'},"
                + " {id: 'far', status: 'PENDING', team: 'A'}, {id: 'nofc', status: 'PENDING', team: 'A'}];"
                + "var f = {steps: [{id: 'late', forecastStart: at(3.5)}, {id: 'ready', forecastStart: at(0)},"
                + " {id: 'soon', forecastStart: at(1)}, {id: 'tie', forecastStart: at(1)}, {id: 'running', forecastStart: at(-1)},"
                + " {id: 'done', forecastStart: at(-5)}, {id: 'far', forecastStart: at(4.5)}]};"
                + "function ids(list) { return list.map(function (x) { return x.step.id; }).join(' '); }"
                + "return [ids(F.comingUp(steps, f, now, 4)), ids(F.comingUp(steps, f, now, 5)), ids(F.comingUp(steps, f, now, 1)),"
                + " ids(F.comingUp(steps, f, now, 4, function (s) { return s.team === 'B'; }))];";
        assertThat(js(body)).isEqualTo(List.of("ready soon tie late", "ready soon tie late far", "ready soon tie", "ready tie"));
    }

    private static final String CHAPTERS = "var now = Date.parse('2026-11-28T12:00:00Z');"
            + "function at(h) { return new Date(now + h * 3600000).toISOString(); }"
            + "var phases = [{id: 'p1', name: 'Preparation'}, {id: 'p2', name: 'Switch'}];"
            + "var chapters = [{id: 'c1', code: 'PRE', name: 'Prepare', macroPhaseId: 'p1', scheduledStart: at(-10), scheduledEnd: at(-6)},"
            + " {id: 'c2', code: 'FRZ', name: 'Freeze', macroPhaseId: 'p1', scheduledStart: at(-6), scheduledEnd: at(-2)},"
            + " {id: 'c3', code: 'SWT', name: 'Switch <b>over</b>', macroPhaseId: 'p2', scheduledStart: at(-2), scheduledEnd: at(4)}];"
            + "var f = {chapters: [{id: 'c1', forecastStart: at(-10), forecastEnd: at(-5), varianceMinutes: 60, critical: false},"
            + " {id: 'c2', forecastStart: at(-5), forecastEnd: at(-1), varianceMinutes: 60, critical: true},"
            + " {id: 'c3', forecastStart: at(-1), forecastEnd: at(6), varianceMinutes: 120, critical: true}]};"
            + "var groups = T.chapterGroups(phases, chapters, f);"
            + "var chart = T.chart({groups: groups, now: now, width: 1000, title: 'Chapters', description: 'd', kind: 'chapter'});";

    @Test
    void theChartDrawsOneBarPerChapterGroupedByPhaseWithNowAndCriticalMarked() {
        Object out = js(CHAPTERS + "var rows = chart.querySelectorAll('.cp-tl-row');"
                + "var nowLine = chart.querySelector('.cp-tl-now line');"
                + "var plot = function (g, cls) { var r = g.querySelector(cls); return r ? [+r.getAttribute('x'), +r.getAttribute('width')] : null; };"
                + "var c3 = chart.querySelector('[data-row-id=c3]');"
                + "var actual = plot(c3, '.cp-tl-actual'), fc = plot(c3, '.cp-tl-forecast');"
                + "return [rows.length, chart.querySelectorAll('.cp-tl-bar').length, chart.querySelectorAll('.cp-tl-group').length,"
                + " Array.prototype.map.call(chart.querySelectorAll('.cp-tl-row--critical'), function (g) { return g.getAttribute('data-row-id'); }).join(' '),"
                + " chart.getAttribute('role'), chart.querySelector('title').textContent,"
                + " Math.abs(actual[0] + actual[1] - (+nowLine.getAttribute('x1'))) < 0.01, Math.abs(fc[0] - (+nowLine.getAttribute('x1'))) < 0.01,"
                + " c3.querySelector('.cp-tl-label').textContent, chart.querySelectorAll('b').length,"
                + " c3.querySelector('.cp-tl-var').textContent, plot(chart.querySelector('[data-row-id=c1]'), '.cp-tl-forecast')];");
        List<?> r = (List<?>) out;
        assertThat(r.get(0)).isEqualTo(3L);
        assertThat(r.get(1)).isEqualTo(3L);
        assertThat(r.get(2)).isEqualTo(2L);
        assertThat(r.get(3)).isEqualTo("c2 c3");
        assertThat(r.get(4)).isEqualTo("img");
        assertThat(r.get(5)).isEqualTo("Chapters");
        // The running chapter's bar is actual up to the "now" line and forecast after it.
        assertThat(r.get(6)).isEqualTo(true);
        assertThat(r.get(7)).isEqualTo(true);
        // Markup in a name stays text.
        assertThat(r.get(8)).isEqualTo("\u25C6 SWT Switch <b>over</b>");
        assertThat(r.get(9)).isEqualTo(0L);
        assertThat(r.get(10)).isEqualTo("+2 h");
        // A chapter finished before now has no forecast part.
        assertThat(r.get(11)).isNull();
    }

    @Test
    void theTableFallbackHasTheSameRowsAndSaysCriticalInWords() {
        Object out = js(CHAPTERS + "var t = T.table(groups, {kind: 'chapter', title: 'Chapters'});"
                + "return [t.querySelectorAll('tbody tr[data-row-id]').length, t.querySelectorAll('tbody th[scope=colgroup]').length,"
                + " t.querySelector('tr[data-row-id=c3] td:last-child').textContent, t.querySelector('tr[data-row-id=c1] td:last-child').textContent,"
                + " t.querySelector('tr[data-row-id=c3] td:nth-child(4)').textContent];");
        assertThat(out).isEqualTo(List.of(3L, 2L, "Critical", "", "+2 h"));
    }

    @Test
    void ticksFallOnWholeHoursAndAreSpacedForTheWidth() {
        Object out = js("var d = {start: Date.parse('2026-11-28T10:20:00Z'), end: Date.parse('2026-11-30T10:20:00Z')};"
                + "var t = T.ticks(d, 1000, 70); var wholeHours = t.at.every(function (x) { var q = new Date(x); return q.getMinutes() === 0 && q.getHours() % t.step === 0; });"
                + "var small = T.ticks(d, 300, 70);"
                + "return [t.step, wholeHours, t.at.length * 70 <= 1000 + 70, small.step > t.step];");
        assertThat(out).isEqualTo(List.of(6L, true, true, true));
    }

    @Test
    @SuppressWarnings("unchecked")
    void theForecastFeedPollsEvery30SecondsAndOnVersionWithItsEtagAndIgnoresA304() {
        Object out = browser.executeAsyncScript("var done = arguments[arguments.length - 1]; var C = window.Cutplan;"
                + "var calls = [], sets = [], job = null;"
                + "var answers = [{status: 200, etag: 'W/\\\"a\\\"', body: {v: 1}}, {status: 304, etag: null, body: null}, {status: 200, etag: 'W/\\\"b\\\"', body: {v: 2}}];"
                + "var actions = {every: function (sec, fn, opts) { job = {sec: sec, fn: fn, onVersion: !!(opts && opts.onVersion)}; return {stop: function () {}}; },"
                + "  set: function (k, v) { sets.push(k + '=' + v.v); },"
                + "  api: {forecast: function (id, basis, etag) { calls.push([id, basis, etag]); return Promise.resolve(answers.shift()); }}};"
                + "C.ForecastFeed.start(actions); var st = {iterationId: 'it'};"
                + "job.fn(st).then(function () { return job.fn(st); }).then(function () { return job.fn(st); })"
                + ".then(function () { done({sec: job.sec, onVersion: job.onVersion, calls: calls, sets: sets}); });");
        Map<String, Object> r = (Map<String, Object>) out;
        assertThat(r.get("sec")).isEqualTo(30L);
        assertThat(r.get("onVersion")).isEqualTo(true);
        assertThat(r.get("calls")).isEqualTo(List.of(
                java.util.Arrays.asList("it", "plan", null), List.of("it", "plan", "W/\"a\""), List.of("it", "plan", "W/\"a\"")));
        assertThat(r.get("sets")).isEqualTo(List.of("forecast=1", "forecast=2"));
    }

    @Test
    void lateNowIsTheForecastsAttentionAndTheCriticalFilterIsExactlyTheCriticalPath() {
        Object out = js("var st = C.store.create('i'); st.caller = {teamIds: []};"
                + "function step(o) { return Object.assign({id: 's', status: 'READY', ownerTeam: {id: 'T', name: 'T'}, predecessorIds: []}, o); }"
                + "var now = Date.parse('2026-11-28T12:00:00Z');"
                + "var run = step({id: 'run', status: 'IN_PROGRESS', startedAt: '2026-11-28T10:00:00Z', plannedMinutes: 30});"
                + "var wait = step({id: 'wait', status: 'PENDING', late: true}); var done = step({id: 'done', status: 'DONE', late: true});"
                + "var before = [C.derive.lateReason(st, run, now) !== null, C.derive.lateReason(st, wait, now) !== null, C.derive.lateReason(st, done, now)];"
                + "st.forecast = {criticalPath: ['wait'], steps: [{id: 'run', critical: false, lateness: {kind: 'OVERRUNNING', minutes: 90, reason: 'Running 1 h 30 min past'}},"
                + " {id: 'wait', critical: true}, {id: 'done', lateness: {kind: 'LATE_FINISH', minutes: 5, reason: 'r'}}]};"
                + "var after = [C.derive.lateReason(st, run, now), C.derive.lateReason(st, wait, now), C.derive.lateReason(st, done, now)];"
                + "var f = {team: '', status: 'CRITICAL', mine: false, text: ''}; var m = C.derive.matcher(st, f, now, {});"
                + "return before.concat(after, [[run, wait, done].filter(m).map(function (s) { return s.id; }).join(' ')]);");
        // Before the first forecast: the server's flag and the clock; then exactly the forecast's attention kinds.
        assertThat(out).isEqualTo(java.util.Arrays.asList(true, true, null, "Running 1 h 30 min past", null, null, "wait"));
    }

    @Test
    void aDeltaNamingFlippedLateFlagsTurnsExactlyThoseFlagsAndMarksTheirRowsChanged() {
        Object out = js("var st = C.store.create('i');"
                + "function step(o) { return Object.assign({status: 'PENDING', version: 1, changedInVersion: 1, ownerTeam: {id: 'T', name: 'T'},"
                + " predecessorIds: [], chapterId: 'c', macroPhaseId: 'm'}, o); }"
                + "C.store.applySnapshot(st, {kind: 'snapshot', version: 5, iteration: {id: 'i'}, counts: {}, macroPhases: [{id: 'm'}],"
                + " chapters: [{id: 'c', macroPhaseId: 'm'}], steps: [step({id: 'a', late: false}), step({id: 'b', late: true}),"
                + " step({id: 'c1', late: false})], events: []});"
                + "var ch = C.store.applyDelta(st, {kind: 'delta', since: 5, version: 5, changed: true, steps: [],"
                + " lateOn: ['a', 'ghost'], lateOff: ['b'], events: []});"
                + "return [st.steps.get('a').late, st.steps.get('b').late, st.steps.get('c1').late, ch.moved.slice().sort().join(' '), st.steps.has('ghost')];");
        assertThat(out).isEqualTo(java.util.Arrays.asList(true, false, false, "a b", false));
    }

    @Test
    void aWaitingStepForecastToStartLateIsCountedApartFromWhatNeedsSomeoneNow() {
        Object out = js("var st = C.store.create('i'); st.caller = {teamIds: []};"
                + "function step(o) { return Object.assign({status: 'READY', chapterId: 'c', ownerTeam: {id: 'T', name: 'T'}, predecessorIds: []}, o); }"
                + "st.steps = new Map([['ready', step({id: 'ready'})], ['wait', step({id: 'wait', status: 'PENDING'})],"
                + " ['run', step({id: 'run', status: 'IN_PROGRESS'})], ['ok', step({id: 'ok', status: 'PENDING'})]]);"
                + "st.chapters = [{id: 'c', macroPhaseId: 'm'}]; st.macroPhases = [{id: 'm'}];"
                + "st.forecast = {criticalPath: [], steps: [{id: 'ready', lateness: {kind: 'LATE_START', minutes: 20, reason: 'r1'}},"
                + " {id: 'wait', lateness: {kind: 'LATE_START', minutes: 90, reason: 'r2'}}, {id: 'run', lateness: {kind: 'OVERRUNNING', minutes: 5, reason: 'r3'}},"
                + " {id: 'ok'}]};"
                + "var now = Date.now(), agg = C.derive.aggregates(st, now);"
                + "var m = C.derive.matcher(st, {team: '', status: 'LATE', mine: false, text: ''}, now, {});"
                + "return [agg.late, agg.lateLater, agg.byChapter.get('c').late, Array.from(st.steps.values()).filter(m).map(function (s) { return s.id; }).join(' '),"
                + " C.derive.lateReason(st, st.steps.get('wait'), now), C.derive.attentionNow(st, st.steps.get('wait'), now)];");
        assertThat(out).isEqualTo(java.util.Arrays.asList(2L, 1L, 2L, "ready run", "r2", null));
    }
}
