package io.cutplan.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class StepCodeTest {
    @Test
    void parsesAndNormalises() {
        StepCode code = StepCode.parse(" trt-1204 ", "code");
        assertThat(code.type()).isEqualTo("TRT");
        assertThat(code.number()).isEqualTo(1204);
        assertThat(code.value()).isEqualTo("TRT-1204");
        assertThat(StepCode.parse("B2-1", "code").type()).isEqualTo("B2");
    }

    @Test
    void refusesMalformedCodesNamingTheField() {
        for (String bad : new String[] {"", "TRT", "TRT-", "-12", "1TR-3", "TRT-1234567", "TRT_12", "ABCDEFGHIJK-1", "TRT-12-3"}) {
            assertThatThrownBy(() -> StepCode.parse(bad, "stepCode"))
                    .isInstanceOfSatisfying(DomainException.class, e -> {
                        assertThat(e.kind()).isEqualTo(ErrorKind.INVALID);
                        assertThat(e.field()).isEqualTo("stepCode");
                    });
            assertThat(StepCode.isValid(bad)).isFalse();
        }
        assertThatThrownBy(() -> StepCode.parse(null, "code")).isInstanceOf(DomainException.class);
    }

    @Test
    void typeMustMatchTheCodePrefix() {
        StepCode code = StepCode.parse("CHK-7", "code");
        code.requireType("chk", "type");
        code.requireType(null, "type");
        code.requireType(" ", "type");
        assertThatThrownBy(() -> code.requireType("TRT", "type"))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.field()).isEqualTo("type"))
                .hasMessageContaining("CHK-7");
    }
}
