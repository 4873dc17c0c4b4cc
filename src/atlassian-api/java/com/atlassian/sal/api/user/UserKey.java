/*
 * COMPILE-ONLY STUB. Never packaged: Confluence supplies the real type at run time. Declares only the members
 * Cutplan uses, with the exact signatures of the real API (see docs/install-confluence.md, "Build").
 */
package com.atlassian.sal.api.user;

public final class UserKey implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    private final String userKey;

    public UserKey(String userKey) {
        this.userKey = userKey;
    }

    public String getStringValue() {
        return userKey;
    }
}
