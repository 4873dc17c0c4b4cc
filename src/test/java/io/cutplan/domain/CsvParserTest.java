package io.cutplan.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class CsvParserTest {
    @Test
    void readsQuotedFieldsWithCommasQuotesAndLineBreaks() {
        String csv = "\uFEFFa,b,c\r\n\"x, y\",\"say \"\"hi\"\"\",\"two\r\nlines\"\r\nplain,,5\" disk\n";
        CsvParser.Result r = CsvParser.parse(csv);
        assertThat(r.problems()).isEmpty();
        assertThat(r.rows()).hasSize(3);
        assertThat(r.rows().get(0).fields()).containsExactly("a", "b", "c");
        assertThat(r.rows().get(1).fields()).containsExactly("x, y", "say \"hi\"", "two\r\nlines");
        assertThat(r.rows().get(1).line()).isEqualTo(2);
        assertThat(r.rows().get(2).line()).isEqualTo(4);
        assertThat(r.rows().get(2).fields()).containsExactly("plain", "", "5\" disk");
    }

    @Test
    void handlesLoneCrLfAndMissingFinalNewlineAndBlankLines() {
        CsvParser.Result r = CsvParser.parse("a\rb\n\n\nc,\"\"");
        assertThat(r.rows()).extracting(CsvParser.Row::line).containsExactly(1, 2, 5);
        assertThat(r.rows().get(2).fields()).isEqualTo(List.of("c", ""));
    }

    @Test
    void reportsFaultsWithTheirLinesAndCarriesOn() {
        CsvParser.Result r = CsvParser.parse("h1,h2\n\"ok\"junk,2\ngood,row\n\"never closed,3\nmore\n");
        assertThat(r.problems()).extracting(CsvParser.Problem::line).containsExactly(2, 4);
        assertThat(r.rows()).extracting(CsvParser.Row::line).containsExactly(1, 3);
    }
}
