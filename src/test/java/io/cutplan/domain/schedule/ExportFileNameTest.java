package io.cutplan.domain.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class ExportFileNameTest {

    @Test
    void namesTheMigrationIterationAndDayWithSafeCharactersOnly() {
        assertThat(ExportFileName.of("CORE-2027", "DR1", LocalDate.of(2027, 3, 28), ExportFormat.HTML))
                .isEqualTo("cutplan-schedule-CORE-2027-DR1-20270328.html");
        assertThat(ExportFileName.of("../etc/\"pass wd\";\r\nX: y", "it.1", LocalDate.of(2027, 3, 28), ExportFormat.CSV))
                .isEqualTo("cutplan-schedule-etc_pass_wd_X_y-it.1-20270328.csv")
                .matches("[A-Za-z0-9._-]+");
        assertThat(ExportFileName.of("Zürich", "", LocalDate.of(2027, 1, 2), ExportFormat.CSV))
                .isEqualTo("cutplan-schedule-Z_rich-x-20270102.csv");
    }
}
