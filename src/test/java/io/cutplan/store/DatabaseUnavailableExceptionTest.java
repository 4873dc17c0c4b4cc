package io.cutplan.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.cutplan.api.DomainExceptionMapper;
import io.cutplan.api.ErrorBody;
import io.cutplan.domain.ErrorKind;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;

/** A database outage is a 503 the caller may retry, with the cause kept for the log only. */
class DatabaseUnavailableExceptionTest {

    @Test
    void keepsItsCauseAndMapsTo503WithoutLeakingIt() {
        var cause = new SQLTransientConnectionException("connection to 10.1.2.3:5432 refused, password=secret");
        var e = new DatabaseUnavailableException("The database is not reachable right now", cause);

        assertThat(e.kind()).isEqualTo(ErrorKind.UNAVAILABLE);
        assertThat(e.getCause()).isSameAs(cause);

        var response = new DomainExceptionMapper().toResponse(e);
        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getHeaderString("Retry-After")).isEqualTo("5");
        ErrorBody body = (ErrorBody) response.getEntity();
        assertThat(body.error()).isEqualTo("database_unavailable");
        assertThat(body.message()).doesNotContain("10.1.2.3").doesNotContain("secret");
    }

    @Test
    void transactorTranslatesConnectionFailuresToUnavailable() {
        RuntimeException translated = Transactor.translate(new java.sql.SQLException("gone", "08006"));
        assertThat(translated).isInstanceOf(DatabaseUnavailableException.class);
        assertThat(translated.getCause()).isNotNull();
    }
}
