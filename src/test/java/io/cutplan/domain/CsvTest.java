package io.cutplan.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.cutplan.domain.schedule.CsvReader;
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
        assertThat(Csv.field("+1")).isEqualTo("\"'+1\"");
        assertThat(Csv.field("-1")).isEqualTo("\"'-1\"");
        assertThat(Csv.field("@SUM(A1)")).isEqualTo("\"'@SUM(A1)\"");
        assertThat(Csv.field("1+1")).isEqualTo("1+1");
    }

    /**
     * Holds finding 9 of issue 15: the guard looked at the first character only, so {@code Cutover;=cmd|' /C
     * calc'!A0} was written unquoted, and a spreadsheet splitting on {@code ;} (most European locales) or on a
     * tab saw a cell starting with {@code =}. A trigger after any separator-like character is guarded and quoted.
     */
    @Test
    void guardsFormulaTriggersAfterAnySeparatorLikeCharacter() {
        for (String sep : List.of(";", "\t", ",", "|", ":", "\n", "\r")) {
            for (String trigger : List.of("=", "+", "-", "@")) {
                String hostile = "Cutover" + sep + trigger + "cmd|' /C calc'!A0";
                String written = Csv.field(hostile);
                assertThat(written).as("%s", hostile).startsWith("\"'").endsWith("\"");
                assertThat(CsvReader.parse(Csv.row(List.of(hostile, "x"))).get(0))
                        .containsExactly("'" + hostile, "x");
            }
        }
        assertThat(Csv.field("Cutover;=cmd|' /C calc'!A0")).isEqualTo("\"'Cutover;=cmd|' /C calc'!A0\"");
        assertThat(Csv.field("a\t=1")).isEqualTo("\"'a\t=1\"");
        // Ordinary text with these characters elsewhere stays as it was.
        assertThat(Csv.field("Go/no-go; 10:00 - 11:00")).isEqualTo("Go/no-go; 10:00 - 11:00");
        assertThat(Csv.field("a=b")).isEqualTo("a=b");
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
