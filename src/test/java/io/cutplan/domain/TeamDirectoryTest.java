package io.cutplan.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TeamDirectoryTest {
    private static final List<TeamDirectory.Team> EXISTING = List.of(new TeamDirectory.Team("NET", "Network Ops"),
            new TeamDirectory.Team("IT_MGMT", "IT management"), new TeamDirectory.Team("OPS1", "Operations 1"));

    private static PlanCsv.Reference ref(String name, int line) {
        return new PlanCsv.Reference(name, new ArrayList<>(List.of(line)), PlanCsv.Column.OWNER_TEAM);
    }

    @Test
    void aTeamIsNamedByCodeOrNameIgnoringCaseAndSpaces() {
        TeamDirectory.Resolution r = TeamDirectory.resolve(EXISTING,
                List.of(ref("net", 2), ref("Network Ops", 3), ref("network  ops", 4), ref("NETWORKOPS", 5)), false);
        assertThat(r.problems()).isEmpty();
        assertThat(r.codeOf()).containsValues("NET").hasSize(4).allSatisfy((k, v) -> assertThat(v).isEqualTo("NET"));
    }

    @Test
    void anUnknownTeamSaysWhatExistsAndSuggestsTheNearest() {
        TeamDirectory.Resolution r = TeamDirectory.resolve(EXISTING, List.of(ref("IT MNGMT", 7)), false);
        assertThat(r.problems()).hasSize(1);
        ImportProblem p = r.problems().get(0);
        assertThat(p.code()).isEqualTo("unknown_team");
        assertThat(p.message()).contains("among the 3 teams").contains("did you mean IT_MGMT").contains("createTeams=true");
    }

    @Test
    void createdTeamsGetACodeDerivedFromTheNameAndSpellingsOfOneNameAreOneTeam() {
        TeamDirectory.Resolution r = TeamDirectory.resolve(EXISTING,
                List.of(ref("Back Office", 2), ref("back office", 3), ref("BACK_OFFICE", 4), ref("Caf\u00e9 Ops", 5)), true);
        assertThat(r.problems()).isEmpty();
        assertThat(r.created()).extracting(TeamDirectory.NewTeam::code).containsExactly("BACK_OFFICE", "CAFE_OPS");
        assertThat(r.created().get(0).name()).isEqualTo("Back Office");
        assertThat(r.created().get(0).lines()).containsExactly(2, 3, 4);
        assertThat(TeamDirectory.deriveCode("  E-Banking / Payments ")).isEqualTo("E_BANKING_PAYMENTS");
        assertThat(TeamDirectory.deriveCode("!!!")).isNull();
    }

    @Test
    void nearDuplicateNamesAreWarnedAbout() {
        TeamDirectory.Resolution r = TeamDirectory.resolve(EXISTING, List.of(ref("IT_MNGMT", 2), ref("E_BANKING", 3),
                ref("EBANKING", 4), ref("OPS2", 5)), true);
        assertThat(r.warnings()).extracting(ImportProblem::code).containsOnly("similar_team_names");
        assertThat(r.warnings()).extracting(ImportProblem::message)
                .anyMatch(m -> m.contains("IT_MNGMT") && m.contains("IT_MGMT") && m.contains("existing"))
                .anyMatch(m -> m.contains("E_BANKING") && m.contains("EBANKING"))
                .noneMatch(m -> m.contains("OPS2"));
        assertThat(r.warnings()).hasSize(2);
    }

    @Test
    void theSimilarityRule() {
        assertThat(TeamDirectory.similar("IT_MGMT", "IT_MNGMT")).isTrue();
        assertThat(TeamDirectory.similar("EBANKING", "E_BANKING")).isTrue();
        assertThat(TeamDirectory.similar("Network", "Networks")).isTrue();
        assertThat(TeamDirectory.similar("OPS1", "OPS2")).isFalse();
        assertThat(TeamDirectory.similar("DBA", "DBB")).isFalse();
        assertThat(TeamDirectory.similar("FINANCE", "FINANCE_OPS")).isFalse();
    }
}
