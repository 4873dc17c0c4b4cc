package io.cutplan.host.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import io.cutplan.domain.Role;
import io.cutplan.testing.Browser;
import io.cutplan.testing.Fixtures;
import io.cutplan.testing.TestHost;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard's pure client logic, run in Chromium on a page that loads the manifest's scripts: which buttons
 * a server answer turns into, late flags, filters, escaping. Fast and exact, where the full-page tests are broad.
 */
class DashboardClientLogicTest {
    private static ChromeDriver browser;

    @BeforeAll
    static void setUp() {
        TestHost host = TestHost.get();
        Fixtures.TestUser user = Fixtures.in(host.database()).user("logic", Role.NORMAL);
        browser = Browser.get();
        Browser.loginAs(user.username(), Fixtures.PASSWORD);
        browser.get(host.baseUrl() + "/");
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> !d.findElements(By.cssSelector(".cutplan-index h1")).isEmpty());
    }

    private static Object js(String script) {
        return browser.executeScript("var C = window.Cutplan; " + script);
    }

    /** A state with the given caller (a CallerView), and `step(o)`: a dashboard Step record with o's fields. */
    private static final String STATE = "var st = C.store.create('i'); st.caller = arguments_caller;"
            + "function step(o) { return Object.assign({id: 's', status: 'READY', version: 1, ownerTeam: {id: 'T1', name: 'Team one'},"
            + " predecessorIds: [], tasksDone: 0, tasksTotal: 0, openCriticalControls: 0}, o); }"
            + "function buttons(s, gate) { return C.derive.stepActions(st, s, gate).map(function (a) { return a.name; }); }";

    private static Object withCaller(String callerJson, String body) {
        return js(STATE.replace("arguments_caller", callerJson) + body);
    }

    @Test
    void aSkippedPredecessorCountsAsFinishedOnlyOnceTheWorkFeedingItIsDone() {
        // a (running), b (done) -> s (skipped) -> g; b -> x (cancelled); x, s -> h. As domain.Readiness (issue 17).
        String viewer = "{username: 'v', role: 'NORMAL', known: true, teamIds: []}";
        Object r = withCaller(viewer, "function put(o) { st.steps.set(o.id, step(o)); }"
                + "function get(id) { return st.steps.get(id); }"
                + "function codes(list) { return list.map(function (x) { return x.code; }).join(','); }"
                + "put({id: 'a', code: 'TRT-1', status: 'IN_PROGRESS'}); put({id: 'b', code: 'TRT-2', status: 'DONE'});"
                + "put({id: 's', code: 'CHK-3', status: 'SKIPPED', predecessorIds: ['a', 'b']});"
                + "put({id: 'g', code: 'IGO-4', status: 'PENDING', predecessorIds: ['s']});"
                + "put({id: 'x', code: 'TRT-5', status: 'CANCELLED', predecessorIds: ['b']});"
                + "put({id: 'h', code: 'GON-6', status: 'PENDING', predecessorIds: ['x', 's', 'out-of-scope']});"
                + "put({id: 'p', code: 'CHK-7', status: 'PENDING', predecessorIds: ['s', 'x']});"
                + "var out = [C.derive.openPredecessors(st, get('g')), codes(C.derive.skipWaitsFor(st, get('s'))),"
                + "  C.derive.openPredecessors(st, get('h')), codes(C.derive.skipWaitsFor(st, get('p')))];"
                + "get('a').status = 'DONE';"
                + "return out.concat([C.derive.openPredecessors(st, get('g')), codes(C.derive.skipWaitsFor(st, get('s'))),"
                + "  C.derive.openPredecessors(st, get('h')), codes(C.derive.skipWaitsFor(st, get('p')))]);");
        assertThat(r).isEqualTo(List.of(1L, "TRT-1", 2L, "TRT-1", 0L, "", 1L, ""));
    }

    @Test
    void theServersAllowedTransitionsBecomeTheRightButtons() {
        String pilot = "{username: 'p', role: 'PILOT', known: true, pilot: true, teamIds: [], canComment: true, canOverrideGate: true}";
        assertThat(withCaller(pilot, "return buttons(step({status: 'READY', allowedTransitions: ['IN_PROGRESS', 'ON_HOLD', 'SKIPPED', 'CANCELLED']}));"))
                .isEqualTo(List.of("start", "hold", "skip", "cancel"));
        assertThat(withCaller(pilot, "return buttons(step({status: 'ON_HOLD', heldFrom: 'READY', allowedTransitions: ['READY', 'SKIPPED', 'CANCELLED']}));"))
                .isEqualTo(List.of("resume", "skip", "cancel"));
        assertThat(withCaller(pilot, "return buttons(step({status: 'DONE', allowedTransitions: ['IN_PROGRESS']}));")).isEqualTo(List.of("reopen"));
        assertThat(withCaller(pilot, "return buttons(step({status: 'CANCELLED', allowedTransitions: ['PENDING']}));")).isEqualTo(List.of("restore"));
        assertThat(withCaller(pilot, "return buttons(step({status: 'FAILED', allowedTransitions: ['IN_PROGRESS', 'SKIPPED', 'CANCELLED']}));"))
                .isEqualTo(List.of("retry", "skip", "cancel"));
        // The gate override is offered to pilots where the gate can block, and only there.
        assertThat(withCaller(pilot, "return buttons(step({status: 'IN_PROGRESS', goNoGo: true, tasksDone: 2, tasksTotal: 2,"
                + " allowedTransitions: ['DONE', 'FAILED', 'ON_HOLD', 'CANCELLED']}));")).isEqualTo(List.of("complete", "fail", "hold", "override", "cancel"));
        assertThat(withCaller(pilot, "return buttons(step({status: 'IN_PROGRESS', tasksDone: 2, tasksTotal: 2,"
                + " allowedTransitions: ['DONE', 'FAILED', 'ON_HOLD', 'CANCELLED']}));")).isEqualTo(List.of("complete", "fail", "hold", "cancel"));
        assertThat(withCaller(pilot, "return buttons(step({status: 'IN_PROGRESS', tasksDone: 0, tasksTotal: 2, allowedTransitions: ['DONE']}),"
                + " {blocked: false});")).isEqualTo(List.of("complete"));
        String executor = "{username: 'e', role: 'NORMAL', known: true, pilot: false, teamIds: ['T1'], canComment: true, canOverrideGate: false}";
        assertThat(withCaller(executor, "return buttons(step({status: 'IN_PROGRESS', goNoGo: true, allowedTransitions: ['DONE', 'FAILED', 'ON_HOLD']}));"))
                .isEqualTo(List.of("complete", "fail", "hold"));
        assertThat(withCaller(executor, "return buttons(step({status: 'READY', allowedTransitions: []}));")).isEqualTo(List.of());
        // Without the server's list there is nothing to offer: the client has no state machine of its own.
        String stranger = "{username: 'x', known: false, pilot: false, teamIds: [], canComment: false, canOverrideGate: false}";
        assertThat(withCaller(stranger, "return buttons(step({status: 'READY'})).length;")).isEqualTo(0L);
    }

    @Test
    void lateBeforeTheFirstForecastIsRunningPastThePlannedDurationOrTheServersFlag() {
        String pilot = "{username: 'p', role: 'PILOT', pilot: true, teamIds: []}";
        String body = "var now = Date.parse('2026-11-28T12:00:00Z');"
                + "st.chapters = [{id: 'c', scheduledStart: '2026-11-28T08:00:00Z', scheduledEnd: '2026-11-28T11:00:00Z'}];"
                + "st.index.chapters = new Map([['c', st.chapters[0]]]);"
                + "function late(s) { return C.derive.lateReason(st, s, now); }"
                + "return [late(step({status: 'IN_PROGRESS', startedAt: '2026-11-28T11:00:00Z', plannedMinutes: 30})) !== null,"
                + " late(step({status: 'IN_PROGRESS', startedAt: '2026-11-28T11:45:00Z', plannedMinutes: 30})) === null,"
                // Past its chapter's planned end is no longer "late now" by itself (issue 12): the server's flag says.
                + " late(step({status: 'READY', chapterId: 'c'})) === null,"
                + " late(step({status: 'READY', chapterId: 'c', late: true})) !== null,"
                + " late(step({status: 'DONE', chapterId: 'c', finishedAt: '2026-11-28T11:30:00Z', late: true})) === null,"
                + " late(step({status: 'PENDING', chapterId: 'x'})) === null];";
        assertThat(withCaller(pilot, body)).isEqualTo(List.of(true, true, true, true, true, true));
    }

    @Test
    void aWaitingFourEyesOverrideIsCountedUntilADeltaDropsIt() {
        String pilot = "{username: 'p', role: 'PILOT', pilot: true, teamIds: []}";
        String body = "var now = Date.now();"
                + "st.steps.set('s', step({id: 's', status: 'IN_PROGRESS', pendingOverrideBy: 'User pilot', changedInVersion: 1}));"
                + "st.steps.set('d', step({id: 'd', status: 'DONE', pendingOverrideBy: 'stale', changedInVersion: 1}));"
                + "st.version = 1;"
                + "var out = [C.derive.aggregates(st, now).overridesWaiting];"
                // The delta sends the whole record: without pendingOverrideBy the request is gone.
                + "C.store.applyDelta(st, {kind: 'delta', changed: true, since: 1, version: 2, events: [],"
                + "  steps: [step({id: 's', status: 'IN_PROGRESS', version: 2, changedInVersion: 2})]});"
                + "out.push(C.derive.aggregates(st, now).overridesWaiting, st.steps.get('s').pendingOverrideBy === undefined);"
                + "return out;";
        assertThat(withCaller(pilot, body)).isEqualTo(List.of(1L, 0L, true));
    }

    @Test
    void filtersCombineTextTeamStatusAndTheReadyView() {
        String executor = "{username: 'e', role: 'NORMAL', known: true, teamIds: ['T1']}";
        String body = "var a = step({id: 'a', code: 'TRT-1', title: 'Switch the core <banking> & payments', status: 'READY'});"
                + "var b = step({id: 'b', code: 'CHK-2', title: 'Check payments', status: 'DONE'});"
                + "var c = step({id: 'c', code: 'SYS-3', title: 'Stop servers', status: 'READY', ownerTeam: {id: 'T2', name: 'Team two'}});"
                + "var f = {team: '', status: '', mine: false, text: ''}, ready = false; var out = [];"
                + "function run() { var m = C.derive.matcher(st, f, Date.now(), {ready: ready}); return [a, b, c].filter(m).map(function (s) { return s.id; }).join(''); }"
                + "f.text = 'PAYMENTS core'; out.push(run()); f.text = '';"
                + "f.status = 'READY'; out.push(run()); f.status = 'OPEN'; out.push(run()); f.status = '';"
                + "ready = true; out.push(run()); ready = false;"
                + "f.team = 'T2'; out.push(run()); f.team = ''; f.mine = true; out.push(run());"
                + "return out;";
        assertThat(withCaller(executor, body)).isEqualTo(List.of("a", "ac", "ac", "a", "c", "ab"));
    }

    @Test
    void textIsEscapedAndElementsAreBuiltFromText() {
        assertThat(js("return C.util.escapeHtml('<a href=\"x\">&\\'</a>');")).isEqualTo("&lt;a href=&quot;x&quot;&gt;&amp;&#39;&lt;/a&gt;");
        assertThat(js("var e = C.util.el('p', {title: '\"><script>'}, ['<b>bold</b>', ' & more']);"
                + " return [e.childElementCount, e.textContent, e.getAttribute('title')];"))
                .isEqualTo(List.of(0L, "<b>bold</b> & more", "\"><script>"));
        assertThat(js("return [C.util.fmtDuration(45), C.util.fmtDuration(125), C.util.fmtDuration(3000), C.util.fmtNumber(1200)];"))
                .isEqualTo(List.of("45 min", "2 h 5 min", "2 d 2 h", "1,200"));
    }

    @Test
    void aRequestWithoutAnAnswerGivesUpWithATimeoutInsteadOfHoldingItsPollForever() {
        // A fetch that never answers (a connection dying quietly) but, like the real one, stops when its signal aborts.
        Object outcome = browser.executeAsyncScript("var done = arguments[arguments.length - 1]; var C = window.Cutplan;"
                + " var realFetch = window.fetch, limits = C.Api.TIMEOUT_MS, read = limits.read;"
                + " window.fetch = function (url, init) { return new Promise(function (ok, fail) {"
                + "   if (init.signal) init.signal.addEventListener('abort', function () { fail(new DOMException('aborted', 'AbortError')); }); }); };"
                + " limits.read = 100;"
                + " new C.Api('/rest/cutplan/1.0').get('/iterations').then(function () { return 'answered'; },"
                + "   function (e) { return [e.status, e.code, e.message]; })"
                + " .then(function (r) { window.fetch = realFetch; limits.read = read; done(r); });");
        assertThat(outcome).isEqualTo(List.of(0L, "timeout", "No answer from the server within 0.1 s."));
    }

    /** Issue 16, finding 7: a refusal by the host (no Cutplan error body) is explained; Cutplan's own 403 is not mistaken for it. */
    @Test
    void aPlatformRefusalIsToldApartFromCutplansOwn() {
        assertThat(js("return new C.ApiError(403, null, 'HTTP 403').platformRefusal();")).asString().contains("licensed Confluence user");
        assertThat(js("return new C.ApiError(401, {message: 'Client must be authenticated'}).platformRefusal();"))
                .isEqualTo("Please log in to use Cutplan.");
        assertThat(js("return new C.ApiError(403, {error: 'forbidden', message: 'Only pilots'}).platformRefusal();")).isNull();
        assertThat(js("return new C.ApiError(503, {error: 'not_configured'}).platformRefusal();")).isNull();
    }

}
