package io.cutplan.domain.schedule;

import io.cutplan.domain.Csv;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class CsvTest {

    @Test
    void quotesOnlyWhatNeedsQuotingAndDoublesQuotes() {
        assertThat(Csv.field("plain")).isEqualTo("plain");
        assertThat(Csv.field("")).isEqualTo("");
        assertThat(Csv.field(null)).isEqualTo("");
        assertThat(Csv.field("a,b")).isEqualTo("\"a,b\"");
        assertThat(Csv.field("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(Csv.field("two\nlines")).isEqualTo("\"two\nlines\"");
        assertThat(Csv.field("cr\rhere")).isEqualTo("\"cr\rhere\"");
        assertThat(Csv.row(List.of("a", "b,c", ""))).isEqualTo("a,\"b,c\",\r\n");
    }

    @Test
    void neutralisesSpreadsheetFormulas() {
        assertThat(Csv.field("=HYPERLINK(\"x\")")).isEqualTo("\"'=HYPERLINK(\"\"x\"\")\"");
        assertThat(Csv.field("+1")).isEqualTo("'+1");
        assertThat(Csv.field("-1")).isEqualTo("'-1");
        assertThat(Csv.field("@SUM(A1)")).isEqualTo("'@SUM(A1)");
        assertThat(Csv.field("1+1")).isEqualTo("1+1");
    }

    @Test
    void hostileFieldsReadBackIntact() {
        List<String> fields = List.of("Cut, over", "He said \"go\"", "line one\r\nline two", "lf\nonly", "ümlaut", "");
        String text = Csv.row(fields) + Csv.row(List.of("x", "y", "z", "", "", ""));
        List<List<String>> back = CsvReader.parse(text);
        assertThat(back).hasSize(2);
        assertThat(back.get(0)).isEqualTo(fields);
        assertThat(back.get(1)).containsExactly("x", "y", "z", "", "", "");
    }
}
