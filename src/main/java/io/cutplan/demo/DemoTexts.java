package io.cutplan.demo;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Word lists and title templates for a core-banking cutover. The text is deliberately as messy as real
 * runbooks imported from spreadsheets: ampersands, angle brackets, quotes, en dashes, accents and links
 * (HTML entities already decoded into the characters they stand for).
 */
final class DemoTexts {
    private DemoTexts() {
    }

    static final List<String> PHASES = List.of(
            "Preparation & freeze", "Shutdown & extraction", "Transformation & load", "Verification & reconciliation",
            "Go-live & hypercare");

    /** Team domains (code, name) and functions (code, name): 13 × 5 = 65 teams. */
    static final List<String[]> DOMAINS = List.of(
            new String[] {"CBS", "Core Banking"}, new String[] {"PAY", "Payments"}, new String[] {"CRD", "Cards"},
            new String[] {"TRS", "Treasury"}, new String[] {"LND", "Lending"}, new String[] {"DEP", "Deposits & Savings"},
            new String[] {"DWH", "Data Warehouse"}, new String[] {"CRM", "CRM & Onboarding"},
            new String[] {"DIG", "Digital Channels"}, new String[] {"NET", "Network"}, new String[] {"DBA", "Databases"},
            new String[] {"MFR", "Mainframe"}, new String[] {"SEC", "Security & IAM"});
    static final List<String[]> FUNCTIONS = List.of(
            new String[] {"OPS", "Operations"}, new String[] {"APP", "Application Support"},
            new String[] {"BIZ", "Business Users"}, new String[] {"TST", "Test & Acceptance"},
            new String[] {"DEV", "Development"});

    static final List<String> FIRST_NAMES = List.of(
            "Anna", "Bruno", "Chloé", "David", "Elif", "François", "Greta", "Hugo", "Inès", "Jan", "Katarzyna", "Luca",
            "Marta", "Nils", "Océane", "Pavel", "Quentin", "Rosa", "Søren", "Théo", "Ulla", "Viktor", "Wiebke", "Xavier",
            "Yasmine", "Zoë", "Ahmed", "Björn", "Carmen", "Dorothée", "Emre", "Fatima", "Giorgio", "Hélène", "Ivan",
            "Jürgen", "Kenji", "Léa", "Miguel", "Noémie");
    static final List<String> LAST_NAMES = List.of(
            "Müller", "Martin", "Rossi", "García", "Dubois", "Novák", "Jensen", "O'Brien", "Van den Berg", "Kowalski",
            "Schmidt", "Bernard", "Ferrari", "López", "Lefèvre", "Svoboda", "Nielsen", "Murphy", "De Vries", "Nowak",
            "Fischer", "Moreau", "Esposito", "Fernández", "Girard", "Dvořák", "Hansen", "Kelly", "Janssen", "Wiśniewski");

    static final List<String> SYSTEMS = List.of(
            "core banking (T24)", "payments hub", "SWIFT gateway", "card switch", "GL & finance", "ATM network",
            "mobile app back-end", "internet banking", "CRM", "data warehouse", "AML screening", "treasury front-office",
            "loan origination", "document archive", "batch scheduler (Control-M)", "IBM MQ", "Oracle RAC <prod>",
            "API gateway");
    static final List<String> ENTITIES = List.of(
            "customer master data", "current accounts", "savings accounts", "term deposits", "loans & mortgages",
            "standing orders", "direct-debit mandates", "card contracts", "GL balances", "interest accruals",
            "FX positions", "collateral", "KYC documents", "beneficiaries", "payment history", "overdraft limits",
            "fees & charges", "safe-deposit boxes");
    static final List<String> CITIES = List.of(
            "Lyon", "Köln", "Zürich", "Genève", "Milano", "Sevilla", "Lille", "Gdańsk", "Brno", "Aarhus", "Cork", "Liège");

    static final List<String> PRE = List.of(
            "Freeze changes on %S", "Announce start of cutover to %S users", "Take full backup of %S database",
            "Disable outbound interfaces of %S", "Stop & drain message queues for %S",
            "Confirm \"no open P1/P2 incidents\" on %S", "Export reference data from %S",
            "Suspend user logins on %S", "Snapshot VMs of %S (rollback point)");
    static final List<String> TRT = List.of(
            "Extract %E from legacy core", "Transform %E (mapping v%N)", "Load %E into %S", "Run end-of-day batch on %S",
            "Migrate %E – delta load", "Rebuild indexes on %S", "Re-point DNS & load balancer to %S",
            "Convert %E to IBAN/BIC format", "Apply interest accruals to %E", "Replay queued transactions into %S",
            "Purge test data for %E", "Switch %S interfaces to the new core");
    static final List<String> CHK = List.of(
            "Check record counts: %E (source = target)", "Verify %E balances: delta < 0.01 EUR",
            "Reconcile %E between legacy & %S", "Check the \"%S\" job log for errors",
            "Validate a sample of 50 %E", "Compare checksums of %E extract files", "Check %S health page returns <200 OK>");
    static final List<String> BUS = List.of(
            "Business validation of %E by Operations", "Sign-off on %E by Finance & Risk",
            "Spot-check the top-100 customers' %E", "Test payment to & from %S", "Branch staff smoke test of %S",
            "Confirm %E statements look right (O'Neil's checklist)");
    static final List<String> SYS = List.of(
            "Start %S services", "Stop %S application servers", "Enable job scheduler for %S",
            "Switch %S to read-only mode", "Restart %S & check the health page", "Open firewall flows for %S",
            "Rotate certificates on %S", "Scale %S cluster to production size");

    static final List<String> TASKS = List.of(
            "Run job %J", "Confirm completion on the cutover bridge", "Upload evidence (screenshot/log) to the wiki",
            "Check output file %J.csv", "Compare totals with the control report", "Execute script %J.sql",
            "Validate with the business owner", "Tick the checklist in the runbook", "Archive the log of %J",
            "Notify the pilot: done & verified", "Check for errors in %J.log (\"ERROR\" or \"FATAL\")");
    static final List<String> GATE_TASKS = List.of(
            "Collect status from every team lead", "Review open incidents & risks", "Confirm the rollback plan is ready",
            "Check critical controls are PASSED", "Record the decision in the minutes", "Brief the steering committee");

    static final List<String> CRITICAL_CONTROLS = List.of(
            "All balances reconciled (GL = sub-ledger)", "No P1 incident open", "Rollback point verified",
            "Record counts match for %E", "Payments queue empty before switch-over", "Business sign-off received for %E",
            "Regulatory reporting cut-off respected", "Card authorisations flowing on the new core");
    static final List<String> CONTROLS = List.of(
            "Job log archived for %S", "Evidence uploaded for %E", "Sample of %E checked by a second person",
            "Checksum of %E extract matches", "Monitoring green for %S", "Interface %S <-> core acknowledged",
            "Reconciliation report for %E signed");

    static final List<String> DESCRIPTIONS = List.of(
            "Procedure: https://wiki.bank.example/display/CUT/%C",
            "See the team's checklist & the <b>rollback</b> section before starting.",
            "Owner's notes: run only after the \"all clear\" on the bridge.\nLog: https://logs.bank.example/%C",
            "Ticket CHG-%N – approved by the CAB.",
            "Don't start if the previous run's report shows > 0 rejects.");

    static String pick(SplittableRandom rnd, List<String> list) {
        return list.get(rnd.nextInt(list.size()));
    }

    /** Fills %S (system), %E (entity), %N (number), %J (job name), %C (code) from the random stream. */
    static String fill(SplittableRandom rnd, String template, String code) {
        String out = template;
        if (out.contains("%S")) {
            out = out.replace("%S", pick(rnd, SYSTEMS));
        }
        if (out.contains("%E")) {
            out = out.replace("%E", pick(rnd, ENTITIES));
        }
        if (out.contains("%N")) {
            out = out.replace("%N", String.valueOf(1 + rnd.nextInt(40)));
        }
        if (out.contains("%J")) {
            out = out.replace("%J", jobName(rnd));
        }
        return out.replace("%C", code);
    }

    private static String jobName(SplittableRandom rnd) {
        String[] prefixes = {"CBS", "PAY", "GL", "CRD", "DWH", "AML", "MIG"};
        String[] verbs = {"EXT", "LOAD", "EOD", "RECON", "SYNC", "CHK"};
        return prefixes[rnd.nextInt(prefixes.length)] + "_" + verbs[rnd.nextInt(verbs.length)] + "_"
                + String.format("%04d", rnd.nextInt(10000));
    }
}
