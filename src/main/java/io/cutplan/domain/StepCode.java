package io.cutplan.domain;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A human-readable step code {@code TYPE-number}, e.g. {@code TRT-1204}: a type of one capital letter and up to
 * nine capitals or digits, a dash and one to six digits (the same rule as the database's CHECK). Input is
 * trimmed and upper-cased, so {@code " trt-12 "} reads as {@code TRT-12}.
 */
public record StepCode(String type, int number, String value) {
    private static final Pattern CODE = Pattern.compile("([A-Z][A-Z0-9]{0,9})-([0-9]{1,6})");
    private static final Pattern TYPE = Pattern.compile("[A-Z][A-Z0-9]{0,9}");

    /** The code, or a {@link DomainException#invalid} naming {@code field}. */
    public static StepCode parse(String raw, String field) {
        String s = raw == null ? "" : raw.strip().toUpperCase(Locale.ROOT);
        Matcher m = CODE.matcher(s);
        if (!m.matches()) {
            throw DomainException.invalid(field, "'" + abbreviate(raw) + "' is not a step code: expected TYPE-number such as TRT-1204 "
                    + "(type: a letter then up to 9 letters or digits; number: 1 to 6 digits)");
        }
        return new StepCode(m.group(1), Integer.parseInt(m.group(2)), s);
    }

    /** Whether {@code raw} is a valid step code. */
    public static boolean isValid(String raw) {
        return raw != null && CODE.matcher(raw.strip().toUpperCase(Locale.ROOT)).matches();
    }

    /** A normalised step type; null or blank means "take it from the code". */
    public static String normaliseType(String raw, String field) {
        String s = raw.strip().toUpperCase(Locale.ROOT);
        if (!TYPE.matcher(s).matches()) {
            throw DomainException.invalid(field, "'" + abbreviate(raw) + "' is not a step type: a letter then up to 9 letters or digits");
        }
        return s;
    }

    /** Checks that an explicitly given type agrees with the code's prefix. */
    public void requireType(String givenType, String field) {
        if (givenType != null && !givenType.isBlank() && !normaliseType(givenType, field).equals(type)) {
            throw DomainException.invalid(field, "Step type '" + givenType.strip() + "' does not match the code " + value
                    + " (its type is " + type + ")");
        }
    }

    @Override
    public String toString() {
        return value;
    }

    private static String abbreviate(String s) {
        if (s == null) {
            return "";
        }
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }
}
