package io.cutplan.domain;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The one plain address shape Cutplan accepts: {@code local@domain}, at most 254 characters, no spaces,
 * control characters, quotes, angle brackets, commas or semicolons. Deliberately narrower than RFC 5322 so
 * an address can never smuggle a second recipient or a header.
 */
public final class EmailAddresses {
    private static final Pattern PLAIN = Pattern.compile("[^@\\s,;<>\"()\\[\\]\\\\]+@[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?");

    private EmailAddresses() {
    }

    public static boolean isValid(String address) {
        if (address == null || address.isEmpty() || address.length() > 254) {
            return false;
        }
        for (int i = 0; i < address.length(); i++) {
            if (Character.isISOControl(address.charAt(i)) || Character.isWhitespace(address.charAt(i))) {
                return false;
            }
        }
        return PLAIN.matcher(address).matches();
    }

    /** The key two addresses are the same recipient by (domains and, in practice, mailboxes are case-blind). */
    public static String key(String address) {
        return address.strip().toLowerCase(Locale.ROOT);
    }
}
