package io.cutplan.api.authoring;

/** A CSV request body, already decoded from UTF-8 (see {@link CsvBodyReader}). */
public record CsvText(String text) {
}
