/*
 * COMPILE-ONLY STUB. Never packaged: Confluence supplies the real type at run time. Declares only the members
 * Cutplan uses, with the exact signatures of the real API (see docs/install-confluence.md, "Build").
 */
package com.atlassian.sal.api.user;

public interface UserProfile {
    UserKey getUserKey();

    String getUsername();

    /** Null when the user gave none or the application keeps none. */
    String getFullName();

    /** Null when the user gave none or the application keeps none. */
    String getEmail();
}
